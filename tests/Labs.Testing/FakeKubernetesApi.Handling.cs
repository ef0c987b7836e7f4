using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Kube;

namespace Labs.Testing;

public sealed partial class FakeKubernetesApi
{
    private long _resourceVersion = 1;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await AnswerAsync(request, cancellationToken);
        // A real handler links the two; the client reads the request back from the response.
        response.RequestMessage = request;
        return response;
    }

    private async Task<HttpResponseMessage> AnswerAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var uri = request.RequestUri!;
        Requests.Enqueue($"{request.Method} {uri.PathAndQuery}");
        var path = FakeApiPath.Parse(uri.AbsolutePath, _served);
        if (path is null)
        {
            return Status(HttpStatusCode.NotFound, "NotFound", $"the server could not find the requested resource ({uri.AbsolutePath})");
        }

        if (path.IsDiscovery)
        {
            return Discovery(path);
        }

        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
        var watch = uri.Query.Contains("watch=true", StringComparison.Ordinal);
        var verb = (request.Method.Method, path.Name, watch) switch
        {
            ("GET", null, true) => "watch",
            ("GET", null, false) => "list",
            ("GET", _, _) => "get",
            ("POST", _, _) => "create",
            ("DELETE", _, _) => "delete",
            _ => request.Method.Method.ToLowerInvariant(),
        };
        var resource = path.Resource!;
        if (_thrown.TryGetValue((verb, resource.Plural), out var thrown))
        {
            throw thrown;
        }

        if (_failures.TryGetValue((verb, resource.Plural), out var failure))
        {
            return Status(failure.Code, failure.Code.ToString(), $"{resource.Plural} is {failure.Reason}");
        }

        return verb switch
        {
            "get" => Get(path),
            "list" => List(path, Query(uri, "fieldSelector"), Query(uri, "labelSelector")),
            "watch" => Watch(path, Query(uri, "fieldSelector"), Query(uri, "labelSelector")),
            "create" when resource.Plural is "subjectaccessreviews" or "localsubjectaccessreviews" => Review(body!),
            "create" when resource.Plural == "selfsubjectaccessreviews" => Review(Impersonated(request, body!)),
            "create" when path.Subresource == "token" => Token(path, body!),
            "create" => Create(path, body!),
            "delete" => Delete(path),
            _ => Status(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"the fake API does not {request.Method} {resource.Plural}"),
        };
    }

    private HttpResponseMessage Discovery(FakeApiPath path)
    {
        if (_thrown.TryGetValue(("discovery", path.Group.Length == 0 ? path.Version : $"{path.Group}/{path.Version}"), out var thrown))
        {
            throw thrown;
        }

        var resources = new JsonArray([.. _served.Where(r => r.Group == path.Group && r.Version == path.Version).Select(r => (JsonNode)new JsonObject
        {
            ["name"] = r.Plural,
            ["singularName"] = r.Kind.ToLowerInvariant(),
            ["namespaced"] = r.Namespaced,
            ["kind"] = r.Kind,
            ["verbs"] = new JsonArray("create", "delete", "get", "list", "watch"),
        })]);
        if (resources.Count == 0)
        {
            return Status(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        }

        var groupVersion = path.Group.Length == 0 ? path.Version : $"{path.Group}/{path.Version}";
        return Json(HttpStatusCode.OK, new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = groupVersion, ["resources"] = resources });
    }

    private HttpResponseMessage Get(FakeApiPath path) =>
        _objects.TryGetValue((path.Resource!.Plural, path.Namespace, path.Name!), out var found)
            ? Json(HttpStatusCode.OK, found)
            : NotFound(path);

    private static JsonObject Impersonated(HttpRequestMessage request, JsonObject body)
    {
        var spec = body["spec"]!.AsObject();
        spec["user"] = request.Headers.TryGetValues("Impersonate-User", out var users) ? users.First() : null;
        spec["groups"] = new JsonArray([.. (request.Headers.TryGetValues("Impersonate-Group", out var groups) ? groups : []).Select(g => (JsonNode)g)]);
        return body;
    }

    private HttpResponseMessage Review(JsonObject body)
    {
        var answer = body.DeepClone().AsObject();
        answer["status"] = new JsonObject { ["allowed"] = AccessReview(body["spec"]!.AsObject()) };
        return Json(HttpStatusCode.Created, answer);
    }

    private HttpResponseMessage List(FakeApiPath path, string? fieldSelector, string? labelSelector) => Json(HttpStatusCode.OK, new JsonObject
    {
        ["kind"] = path.Resource!.Kind + "List",
        ["apiVersion"] = path.Resource.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = Volatile.Read(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        ["items"] = new JsonArray([.. Matching(path, fieldSelector, labelSelector).Select(o => (JsonNode)o.DeepClone())]),
    });

    /// <summary>The current objects as ADDED events; then the stream ends, as a server's watch timeout would end it.</summary>
    private HttpResponseMessage Watch(FakeApiPath path, string? fieldSelector, string? labelSelector)
    {
        var lines = new StringBuilder();
        foreach (var obj in Matching(path, fieldSelector, labelSelector))
        {
            lines.Append(new JsonObject { ["type"] = "ADDED", ["object"] = obj.DeepClone() }.ToJsonString()).Append('\n');
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(lines.ToString(), Encoding.UTF8, "application/json") };
    }

    private HttpResponseMessage Create(FakeApiPath path, JsonObject body)
    {
        var resource = path.Resource!;
        var name = body["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return Status(HttpStatusCode.UnprocessableEntity, "Invalid", $"{resource.Kind} is invalid: metadata.name: Required value");
        }

        var stored = body.DeepClone().AsObject();
        var metadata = stored["metadata"]!.AsObject();
        metadata["resourceVersion"] = Interlocked.Increment(ref _resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);
        metadata["uid"] = Guid.NewGuid().ToString();
        if (resource.Namespaced)
        {
            metadata["namespace"] = path.Namespace;
        }

        if (resource.Plural == "pods" && PodsRun)
        {
            stored["status"] = new JsonObject { ["phase"] = "Running" };
        }

        if (!_objects.TryAdd((resource.Plural, path.Namespace, name), stored))
        {
            return Status(HttpStatusCode.Conflict, "AlreadyExists", $"{resource.Plural} \"{name}\" already exists");
        }

        Record($"create {resource.Kind} {path.Namespace}/{name}");
        return Json(HttpStatusCode.Created, stored);
    }

    private HttpResponseMessage Token(FakeApiPath path, JsonObject body)
    {
        Record($"create {path.Resource!.Kind}/token {path.Namespace}/{path.Name}");
        if (!_objects.ContainsKey((path.Resource.Plural, path.Namespace, path.Name!)))
        {
            return NotFound(path);
        }

        var answer = body.DeepClone().AsObject();
        answer["status"] = new JsonObject { ["token"] = $"token-for-{path.Namespace}-{path.Name}", ["expirationTimestamp"] = "2030-01-01T00:00:00Z" };
        return Json(HttpStatusCode.Created, answer);
    }

    private HttpResponseMessage Delete(FakeApiPath path)
    {
        var resource = path.Resource!;
        Record($"delete {resource.Kind} {path.Namespace}/{path.Name}");
        if (!_objects.TryRemove((resource.Plural, path.Namespace, path.Name!), out var removed))
        {
            return NotFound(path);
        }

        if (resource.Plural == "namespaces")
        {
            foreach (var key in _objects.Keys.Where(k => k.Namespace == path.Name))
            {
                _objects.TryRemove(key, out _);
            }
        }

        return Json(HttpStatusCode.OK, removed);
    }

    /// <summary>
    /// The objects of the path's collection, with selectors applied: terms <c>key</c>, <c>!key</c>, <c>key=value</c>,
    /// <c>key==value</c> and <c>key!=value</c>, joined by commas (labels; fields by dotted path).
    /// </summary>
    private IEnumerable<JsonObject> Matching(FakeApiPath path, string? fieldSelector, string? labelSelector = null) => _objects
        .Where(e => e.Key.Plural == path.Resource!.Plural && (path.Namespace is null || e.Key.Namespace == path.Namespace))
        .Select(e => e.Value)
        .Where(o => Selects(fieldSelector, key => Field(o, key)) && Selects(labelSelector, key => o["metadata"]?["labels"]?[key]?.GetValue<string>()));

    private static bool Selects(string? selector, Func<string, string?> value) =>
        string.IsNullOrEmpty(selector) || selector.Split(',').All(term => Term(term.Trim(), value));

    private static bool Term(string term, Func<string, string?> value)
    {
        if (term.Split("!=", 2) is [var notKey, var notWanted])
        {
            return value(notKey) != notWanted;
        }

        if (term.Split('=', 2) is [var key, var wanted])
        {
            return value(key) == wanted.TrimStart('=');
        }

        return term.StartsWith('!') ? value(term[1..]) is null : value(term) is not null;
    }

    private static string? Field(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.Split('.'))
        {
            node = node?[part];
        }

        return node is JsonValue value ? value.ToString() : null;
    }

    private static HttpResponseMessage NotFound(FakeApiPath path) =>
        Status(HttpStatusCode.NotFound, "NotFound", $"{Qualified(path.Resource!)} \"{path.Name}\" not found");

    private static string Qualified(KubeResource resource) => resource.Group.Length == 0 ? resource.Plural : $"{resource.Plural}.{resource.Group}";

    private static string? Query(Uri uri, string key)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals] == key)
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }

    private static HttpResponseMessage Status(HttpStatusCode code, string reason, string message) => Json(code, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = (int)code,
    });

    private static HttpResponseMessage Json(HttpStatusCode code, JsonObject body) =>
        new(code) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
}
