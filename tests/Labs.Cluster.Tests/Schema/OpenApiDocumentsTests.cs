using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class OpenApiDocumentsTests
{
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    private static readonly ResourceDefinition[] Resources =
    [
        new("", "v1", "pods", "pod", "Pod", true, ["po"], ["all"], Verbs, ["status", "log"]),
        new("", "v1", "namespaces", "namespace", "Namespace", false, ["ns"], [], Verbs, ["status"]),
        new("", "v1", "nodes", "node", "Node", false, ["no"], [], Verbs, ["status"]),
        new("", "v1", "configmaps", "configmap", "ConfigMap", true, ["cm"], [], Verbs, []),
        new("apps", "v1", "deployments", "deployment", "Deployment", true, ["deploy"], ["all"], Verbs, ["status", "scale"]),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "clusterrole", "ClusterRole", false, [], [], Verbs, []),
        new("example.com", "v1", "widgets", "widget", "Widget", true, [], [], Verbs, ["status"]),
    ];

    private readonly OpenApiDocuments _documents = new(Resources);

    [Fact]
    public void The_root_lists_every_group_version_with_a_stable_hash()
    {
        var again = new OpenApiDocuments(Resources);

        var paths = _documents.Root()["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/apps/v1", "apis/example.com/v1", "apis/rbac.authorization.k8s.io/v1"], paths.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal($"/openapi/v3/apis/apps/v1?hash={_documents.Hash("apis/apps/v1")}", (string?)paths["apis/apps/v1"]!["serverRelativeURL"]);
        Assert.Equal(_documents.RootJson(), again.RootJson());
        Assert.NotEqual(_documents.Hash("api/v1"), _documents.Hash("apis/apps/v1"));
    }

    [Fact]
    public void Every_patch_operation_carries_its_kind_and_the_field_validation_parameter()
    {
        foreach (string path in _documents.Paths)
        {
            var document = _documents.Document(path)!;
            int patches = 0;
            foreach (var (url, item) in document["paths"]!.AsObject())
            {
                if (item!["patch"] is not JsonObject patch)
                {
                    continue;
                }

                patches++;
                var gvk = patch["x-kubernetes-group-version-kind"]!.AsObject();
                Assert.True(gvk.ContainsKey("group") && gvk.ContainsKey("version") && gvk.ContainsKey("kind"), url);
                var names = patch["parameters"]!.AsArray().Where(p => (string?)p!["in"] == "query").Select(p => (string?)p!["name"]).ToList();
                Assert.Contains("fieldValidation", names);
                Assert.Contains("dryRun", names);
                Assert.Contains("fieldManager", names);
                Assert.Contains("force", names);
            }

            Assert.True(patches > 0, path);
        }
    }

    [Fact]
    public void Every_reference_resolves_within_its_document()
    {
        foreach (string path in _documents.Paths)
        {
            var document = _documents.Document(path)!;
            var schemas = document["components"]!["schemas"]!.AsObject();
            foreach (string reference in References(document))
            {
                Assert.StartsWith("#/components/schemas/", reference, StringComparison.Ordinal);
                Assert.True(schemas.ContainsKey(reference["#/components/schemas/".Length..]), $"{path}: {reference} does not resolve");
            }
        }
    }

    [Fact]
    public void The_deployment_schema_describes_containers_for_explain_and_strategic_merge()
    {
        var schemas = _documents.Document("apis/apps/v1")!["components"]!["schemas"]!;
        var deployment = schemas["io.k8s.api.apps.v1.Deployment"]!;
        Assert.Equal("""[{"group":"apps","kind":"Deployment","version":"v1"}]""", deployment["x-kubernetes-group-version-kind"]!.ToJsonString());
        Assert.Equal("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec", (string?)deployment["properties"]!["spec"]!["allOf"]![0]!["$ref"]);

        var containers = schemas["io.k8s.api.core.v1.PodSpec"]!["properties"]!["containers"]!;
        Assert.Equal("name", (string?)containers["x-kubernetes-patch-merge-key"]);
        Assert.Equal("merge", (string?)containers["x-kubernetes-patch-strategy"]);
        var container = schemas["io.k8s.api.core.v1.Container"]!;
        Assert.Contains("name", container["required"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("string", (string?)container["properties"]!["imagePullPolicy"]!["type"]);
        Assert.Equal("int32", (string?)schemas["io.k8s.api.apps.v1.DeploymentSpec"]!["properties"]!["replicas"]!["format"]);
        Assert.Equal("date-time", (string?)schemas["io.k8s.apimachinery.pkg.apis.meta.v1.Time"]!["format"]);
    }

    [Fact]
    public void Inline_structs_are_flattened_into_their_parent_schema()
    {
        var schemas = _documents.Document("api/v1")!["components"]!["schemas"]!;

        var volume = schemas["io.k8s.api.core.v1.Volume"]!;
        Assert.NotNull(volume["properties"]!["configMap"]);
        Assert.Null(volume["x-kubernetes-preserve-unknown-fields"]);
        Assert.Null(schemas["io.k8s.api.core.v1.NodeSpec"]!["x-kubernetes-preserve-unknown-fields"]);
        Assert.NotNull(schemas["io.k8s.api.core.v1.ConfigMapKeySelector"]!["properties"]!["name"]);
    }

    [Fact]
    public void A_served_kind_without_a_model_gets_an_open_schema_and_paths()
    {
        var document = _documents.Document("/apis/example.com/v1")!;

        var widget = document["components"]!["schemas"]!["com.example.v1.Widget"]!;
        Assert.True((bool)widget["x-kubernetes-preserve-unknown-fields"]!);
        Assert.NotNull(document["paths"]!["/apis/example.com/v1/namespaces/{namespace}/widgets/{name}"]!["patch"]);
    }

    [Fact]
    public void An_unknown_group_version_has_no_document()
    {
        Assert.Null(_documents.Document("apis/example.org/v1"));
    }

    [Fact]
    public async Task The_http_handler_serves_the_root_documents_and_a_status_404()
    {
        async Task<(int Status, JsonNode? Body)> GetAsync(string path)
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            context.Response.Body = new MemoryStream();
            await _documents.WriteAsync(context, path);
            context.Response.Body.Position = 0;
            return (context.Response.StatusCode, await JsonNode.ParseAsync(context.Response.Body));
        }

        var root = await GetAsync("");
        var apps = await GetAsync("apis/apps/v1");
        var missing = await GetAsync("apis/nope/v1");

        Assert.Equal(200, root.Status);
        Assert.NotNull(root.Body!["paths"]!["api/v1"]);
        Assert.Equal("3.0.0", (string?)apps.Body!["openapi"]);
        Assert.Equal(404, missing.Status);
        Assert.Equal("NotFound", (string?)missing.Body!["reason"]);
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref")
                    {
                        yield return (string)value!;
                    }
                    else
                    {
                        foreach (string r in References(value))
                        {
                            yield return r;
                        }
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (string r in References(item))
                    {
                        yield return r;
                    }
                }

                break;
        }
    }
}
