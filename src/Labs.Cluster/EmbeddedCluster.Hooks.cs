using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Api;
using Labs.Cluster.Registry;
using Labs.Cluster.Schema;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster;

/// <summary>Wiring of access control, schema and workloads into the API server, and the admin kubeconfig.</summary>
public sealed partial class EmbeddedCluster
{
    private const string UserItemKey = "labs.user";

    private static ApiServerHooks CreateHooks(ClusterAccess access, WorkloadSimulator? workloads, RegistryStore store)
    {
        var decoder = new ProtobufDecoder();
        var finder = new UnknownFieldFinder();
        // Built again only when the served kinds change (a CustomResourceDefinition was written).
        var openApi = (Registry: store.Registry, Documents: BuildOpenApi(store.Registry));
        var openApiLock = new Lock();
        OpenApiDocuments CurrentOpenApi()
        {
            lock (openApiLock)
            {
                if (!ReferenceEquals(openApi.Registry, store.Registry))
                {
                    var registry = store.Registry;
                    openApi = (registry, BuildOpenApi(registry));
                }

                return openApi.Documents;
            }
        }

        JsonObject DecodeProtobuf(byte[] bytes)
        {
            try
            {
                return decoder.Decode(bytes);
            }
            catch (ProtobufFormatException e)
            {
                throw ApiErrors.BadRequest($"protobuf: {e.Message}");
            }
        }

        return new ApiServerHooks
        {
            AuthorizeAsync = (context, request) =>
            {
                var user = access.AuthenticateRequest(context.Request);
                context.Items[UserItemKey] = user;
                access.EnsureAuthorized(user, RequestAttributes.FromHttp(context.Request));
                return ValueTask.CompletedTask;
            },
            DecodeProtobuf = DecodeProtobuf,
            FindUnknownFields = finder.FindUnknownFields,
            RemoveUnknownFields = finder.RemoveUnknownFields,
            FindTypeMismatches = new FieldTypeChecker().Check,
            Requester = context => context.Items[UserItemKey] as UserInfo,
            CheckWriter = (context, resource, ns, obj) =>
            {
                if (context.Items[UserItemKey] is UserInfo user)
                {
                    access.EnsureNoEscalation(user, resource, ns, obj);
                }
            },
            ServeOpenApiAsync = async (context, path) =>
            {
                var documents = CurrentOpenApi();
                var json = path.Length == 0 ? documents.RootJson() : documents.DocumentJson(path)
                    ?? throw new ApiException(404, "NotFound", "the server could not find the requested resource");
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(json, context.RequestAborted);
            },
            ExecAsync = workloads is null ? null : workloads.HandleExecAsync,
            AttachAsync = workloads is null ? null : workloads.HandleAttachAsync,
            PortForwardAsync = workloads is null ? null : workloads.HandlePortForwardAsync,
            PodProxyAsync = workloads is null ? null : workloads.HandleProxyAsync,
            LogAsync = workloads is null ? null : workloads.HandleLogAsync,
            TokenAsync = async (context, serviceAccount, cancellationToken) =>
            {
                var body = await ApiServer.ReadOptionalObjectAsync(context, DecodeProtobuf);
                var answer = access.CreateServiceAccountToken(serviceAccount.MetaString("namespace"), serviceAccount.MetaString("name"), body);
                await WriteAsync(context, 201, answer, cancellationToken);
            },
            ExtraRoutesAsync = async (context, request) =>
            {
                if (workloads is not null && request.IsResourceRequest && $"{request.Group}/{request.Version}" == WorkloadSimulator.MetricsGroupVersion)
                {
                    if (request.Verb is not ("get" or "list"))
                    {
                        throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
                    }

                    await WriteAsync(context, 200, workloads.GetMetrics(request, context.Request.Query), context.RequestAborted);
                    return true;
                }

                if (context.Request.Method != "POST" || context.Items[UserItemKey] is not UserInfo user)
                {
                    return false;
                }

                // The reviews of other subjects and tokens were authorized (create) like any request before they get here.
                var path = request.Path.TrimEnd('/');
                Func<JsonObject?, JsonObject>? review = path switch
                {
                    "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews" => body => access.ReviewSelfSubjectAccess(user, body),
                    "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews" => body => access.ReviewSelfSubjectRules(user, body),
                    "/apis/authorization.k8s.io/v1/subjectaccessreviews" => body => access.ReviewSubjectAccess(body),
                    "/apis/authentication.k8s.io/v1/selfsubjectreviews" => _ => ClusterAccess.ReviewSelfSubject(user),
                    "/apis/authentication.k8s.io/v1/tokenreviews" => access.ReviewToken,
                    _ when request.Resource == "localsubjectaccessreviews" && request.Group == "authorization.k8s.io" && request.Namespace.Length > 0
                        && request.Name.Length == 0 => body => access.ReviewSubjectAccess(body, request.Namespace),
                    _ => null,
                };
                if (review is null)
                {
                    return false;
                }

                var body = await ApiServer.ReadOptionalObjectAsync(context, DecodeProtobuf);
                await WriteAsync(context, 201, review(body), context.RequestAborted);
                return true;
            },
        };
    }

    // The registry's kinds, the custom ones with their schemas, and the create-only reviews served beside the registry.
    private static OpenApiDocuments BuildOpenApi(ResourceRegistry registry) =>
        new(registry.All.Select(s => s.Definition).Concat(ReviewDefinitions), customSchemas: definition =>
            registry.Find(definition.Group, definition.Version, definition.Plural)?.Schema?.Root);

    private static IEnumerable<ResourceDefinition> ReviewDefinitions =>
        AccessDiscovery().SelectMany(groupVersion => groupVersion.Value.OfType<JsonObject>().Select(entry => new ResourceDefinition(
            groupVersion.Key.Split('/')[0], groupVersion.Key.Split('/')[1], (string)entry["name"]!, (string)entry["singularName"]!, (string)entry["kind"]!,
            (bool)entry["namespaced"]!, [], [], ["create"], [])));

    private static Dictionary<string, JsonArray> AccessDiscovery()
    {
        static JsonObject Create(string plural, string singular, string kind, bool namespaced = false) => new()
        {
            ["name"] = plural,
            ["singularName"] = singular,
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray("create"),
        };

        return new Dictionary<string, JsonArray>
        {
            ["authorization.k8s.io/v1"] = new JsonArray(
                Create("localsubjectaccessreviews", "localsubjectaccessreview", "LocalSubjectAccessReview", namespaced: true),
                Create("selfsubjectaccessreviews", "selfsubjectaccessreview", "SelfSubjectAccessReview"),
                Create("selfsubjectrulesreviews", "selfsubjectrulesreview", "SelfSubjectRulesReview"),
                Create("subjectaccessreviews", "subjectaccessreview", "SubjectAccessReview")),
            ["authentication.k8s.io/v1"] = new JsonArray(
                Create("selfsubjectreviews", "selfsubjectreview", "SelfSubjectReview"),
                Create("tokenreviews", "tokenreview", "TokenReview")),
        };
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), cancellationToken);
    }

    private static void WriteKubeconfig(string path, Uri server, string caPem, string token)
    {
        var caData = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        var yaml = $$"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {{ContextName}}
              cluster:
                server: {{server.ToString().TrimEnd('/')}}
                certificate-authority-data: {{caData}}
            users:
            - name: labs-admin
              user:
                token: {{JsonSerializer.Serialize(token)}}
            contexts:
            - name: {{ContextName}}
              context:
                cluster: {{ContextName}}
                user: labs-admin
                namespace: default
            current-context: {{ContextName}}
            preferences: {}

            """;
        var temp = path + ".tmp";
        File.WriteAllText(temp, yaml);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, path, overwrite: true);
    }
}
