using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Schema;

/// <summary>Path items and operations.</summary>
public sealed partial class OpenApiDocuments
{
    private static readonly string[] PatchContentTypes =
        ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

    private static void AddPaths(JsonObject paths, ResourceDefinition resource, string schemaName, string listName)
    {
        string prefix = resource.Group.Length == 0 ? "/api/" + resource.Version : $"/apis/{resource.Group}/{resource.Version}";
        string collection = resource.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{resource.Plural}" : $"{prefix}/{resource.Plural}";
        string item = collection + "/{name}";
        string scope = resource.Namespaced ? "Namespaced" : "";
        string id = OperationSuffix(resource);
        JsonObject gvk = OpenApiSchemas.Gvk(resource.Group, resource.Version, resource.Kind);
        bool Can(string verb) => resource.Verbs.Contains(verb);

        var collectionItem = new JsonObject();
        if (Can("list"))
        {
            collectionItem["get"] = Operation("list", $"list{id}{scope}{resource.Kind}", gvk, listName, ListParameters());
        }

        if (Can("create"))
        {
            collectionItem["post"] = Operation("post", $"create{id}{scope}{resource.Kind}", gvk, schemaName, WriteParameters(), schemaName, ["application/json"]);
        }

        paths[collection] = WithPathParameters(collectionItem, resource.Namespaced, named: false);

        var itemPath = new JsonObject();
        if (Can("get"))
        {
            itemPath["get"] = Operation("get", $"read{id}{scope}{resource.Kind}", gvk, schemaName, []);
        }

        if (Can("update"))
        {
            itemPath["put"] = Operation("put", $"replace{id}{scope}{resource.Kind}", gvk, schemaName, WriteParameters(), schemaName, ["application/json"]);
        }

        // kubectl leaves validation to the server only for kinds whose PATCH operation takes fieldValidation; otherwise it
        // validates against OpenAPI v2, which this server does not serve. Create-only kinds (the access and token
        // reviews) get one so that `kubectl create -f` works for them; a PATCH of them is refused like any other verb.
        if (Can("patch") || resource.Verbs.SequenceEqual(["create"]))
        {
            itemPath["patch"] = Operation("patch", $"patch{id}{scope}{resource.Kind}", gvk, schemaName, PatchParameters(), OpenApiSchemas.PatchName, PatchContentTypes);
        }

        if (Can("delete"))
        {
            itemPath["delete"] = Operation("delete", $"delete{id}{scope}{resource.Kind}", gvk, OpenApiSchemas.StatusName,
                [Query("dryRun", "string"), Query("gracePeriodSeconds", "integer"), Query("propagationPolicy", "string")], OpenApiSchemas.DeleteOptionsName, ["application/json"]);
        }

        if (itemPath.Count > 0)
        {
            paths[item] = WithPathParameters(itemPath, resource.Namespaced, named: true);
        }

        if (resource.Namespaced && Can("list"))
        {
            paths[$"{prefix}/{resource.Plural}"] = new JsonObject
            {
                ["get"] = Operation("list", $"list{id}{resource.Kind}ForAllNamespaces", gvk, listName, ListParameters()),
            };
        }

        foreach (string sub in resource.Subresources.Where(s => s is "status" or "scale"))
        {
            bool scale = sub == "scale";
            JsonObject subGvk = scale ? OpenApiSchemas.Gvk("autoscaling", "v1", "Scale") : gvk.DeepClone().AsObject();
            string subSchema = scale ? "io.k8s.api.autoscaling.v1.Scale" : schemaName;
            string subId = $"{id}{scope}{resource.Kind}{(scale ? "Scale" : "Status")}";
            paths[$"{item}/{sub}"] = WithPathParameters(new JsonObject
            {
                ["get"] = Operation("get", "read" + subId, subGvk, subSchema, []),
                ["put"] = Operation("put", "replace" + subId, subGvk.DeepClone().AsObject(), subSchema, WriteParameters(), subSchema, ["application/json"]),
                ["patch"] = Operation("patch", "patch" + subId, subGvk.DeepClone().AsObject(), subSchema, PatchParameters(), OpenApiSchemas.PatchName, PatchContentTypes),
            }, resource.Namespaced, named: true);
        }
    }

    private static string OperationSuffix(ResourceDefinition resource)
    {
        string group = resource.Group.Length == 0 ? "core" : resource.Group.Replace(".k8s.io", "", StringComparison.Ordinal);
        string camel = string.Concat(group.Split('.').Select(Capitalize));
        return camel + Capitalize(resource.Version);
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];

    private static JsonObject Operation(
        string action, string operationId, JsonObject gvk, string responseSchema, JsonObject[] parameters,
        string? bodySchema = null, string[]? bodyTypes = null)
    {
        var op = new JsonObject
        {
            ["operationId"] = operationId,
            ["parameters"] = new JsonArray(parameters.Select(p => (JsonNode)p).ToArray()),
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject
                    {
                        ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = OpenApiSchemas.Ref(responseSchema) } },
                    },
                },
                ["401"] = new JsonObject { ["description"] = "Unauthorized" },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
        };
        if (bodySchema is not null)
        {
            var content = new JsonObject();
            foreach (string type in bodyTypes!)
            {
                content[type] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = OpenApiSchemas.Ref(bodySchema) } };
            }

            op["requestBody"] = new JsonObject { ["content"] = content, ["required"] = action != "delete" };
        }

        return op;
    }

    private static JsonObject WithPathParameters(JsonObject pathItem, bool namespaced, bool named)
    {
        var parameters = new JsonArray();
        if (named)
        {
            parameters.Add(PathParameter("name", "name of the resource"));
        }

        if (namespaced)
        {
            parameters.Add(PathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        }

        parameters.Add(Query("pretty", "string"));
        pathItem["parameters"] = parameters;
        return pathItem;
    }

    private static JsonObject PathParameter(string name, string description) => new()
    {
        ["name"] = name,
        ["in"] = "path",
        ["description"] = description,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static JsonObject Query(string name, string type) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true },
    };

    private static JsonObject[] WriteParameters() =>
        [Query("dryRun", "string"), Query("fieldManager", "string"), Query("fieldValidation", "string")];

    private static JsonObject[] PatchParameters() =>
        [Query("dryRun", "string"), Query("fieldManager", "string"), Query("fieldValidation", "string"), Query("force", "boolean")];

    private static JsonObject[] ListParameters() =>
        [Query("allowWatchBookmarks", "boolean"), Query("continue", "string"), Query("fieldSelector", "string"), Query("labelSelector", "string"),
         Query("limit", "integer"), Query("resourceVersion", "string"), Query("resourceVersionMatch", "string"), Query("sendInitialEvents", "boolean"),
         Query("timeoutSeconds", "integer"), Query("watch", "boolean")];
}
