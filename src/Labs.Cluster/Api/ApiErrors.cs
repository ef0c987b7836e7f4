using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Api;

/// <summary>
/// Builds the <see cref="ApiException"/>s a real API server answers, with its exact messages (kubectl prints them verbatim).
/// </summary>
public static class ApiErrors
{
    /// <summary>404: <c>deployments.apps "web" not found</c>.</summary>
    public static ApiException NotFound(GroupResource resource, string name) =>
        new(404, "NotFound", $"{resource} \"{name}\" not found", Details(resource, name));

    /// <summary>409: <c>deployments.apps "web" already exists</c>.</summary>
    public static ApiException AlreadyExists(GroupResource resource, string name) =>
        new(409, "AlreadyExists", $"{resource} \"{name}\" already exists", Details(resource, name));

    /// <summary>409: the optimistic-concurrency conflict on a stale resourceVersion.</summary>
    public static ApiException Conflict(GroupResource resource, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {resource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(resource, name));

    /// <summary>403 for creating objects in a namespace that is being deleted.</summary>
    public static ApiException NamespaceTerminating(GroupResource resource, string name, string ns) =>
        new(403, "Forbidden",
            $"{resource} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
            Details(resource, name));

    /// <summary>410: a watch or subscription asked for a resourceVersion no longer in the history.</summary>
    public static ApiException Expired(long requested, long oldest) =>
        new(410, "Expired", $"too old resource version: {requested} ({oldest})");

    /// <summary>400 with a message that says what is wrong and where.</summary>
    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>405 for a verb the resource does not support.</summary>
    public static ApiException MethodNotAllowed(string message = "the server does not allow this method on the requested resource") =>
        new(405, "MethodNotAllowed", message);

    /// <summary>415 for a request body in a format the server cannot read.</summary>
    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got \"{contentType}\")");

    /// <summary>
    /// 422 Invalid: <c>Pod "bad" is invalid: spec.containers[0].image: Required value</c> (kubectl prints it from the
    /// details as <c>The Pod "bad" is invalid: ...</c>).
    /// </summary>
    /// <param name="kind">Kind of the object, e.g. <c>Pod</c>.</param>
    /// <param name="group">API group of the kind; empty for core.</param>
    /// <param name="name">Name of the object (may be empty).</param>
    /// <param name="causes">Each problem: cause reason (e.g. <c>FieldValueRequired</c>), field path and message.</param>
    public static ApiException Invalid(string kind, string group, string name, IReadOnlyList<(string Reason, string Field, string Message)> causes)
    {
        ArgumentNullException.ThrowIfNull(causes);
        var causeArray = new JsonArray();
        var parts = new List<string>();
        foreach (var (reason, field, message) in causes)
        {
            causeArray.Add(new JsonObject { ["reason"] = reason, ["message"] = message, ["field"] = field });
            var part = field.Length == 0 ? message : $"{field}: {message}";
            if (!parts.Contains(part))
            {
                parts.Add(part);
            }
        }

        // apimachinery's NewInvalid: "<Kind>.<group> "<name>" is invalid: <aggregate>", the aggregate bracketed when several.
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var summary = parts.Count switch
        {
            0 => string.Empty,
            1 => ": " + parts[0],
            _ => $": [{string.Join(", ", parts)}]",
        };
        var details = new JsonObject { ["name"] = name, ["group"] = group, ["kind"] = kind, ["causes"] = causeArray };
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid{summary}", details);
    }

    /// <summary>
    /// 422 for a patch whose result cannot be decoded, as the real API server words it: cause <c>patch</c>,
    /// <c>Invalid value: "&lt;the patched object&gt;": &lt;decoder error&gt;</c>, with no kind or name.
    /// </summary>
    /// <param name="patched">The patched object (or patch) as the real server shows it, already rendered.</param>
    /// <param name="error">The decoder's error.</param>
    public static ApiException PatchInvalid(string patched, string error) =>
        Invalid(string.Empty, string.Empty, string.Empty, [("FieldValueInvalid", "patch", $"Invalid value: {patched}: {error}")]);

    /// <summary>413: <c>Request entity too large: limit is 3145728</c>.</summary>
    public static ApiException RequestEntityTooLarge(string message) =>
        new(413, "RequestEntityTooLarge", $"Request entity too large: {message}");

    /// <summary>The <c>details</c> block for errors about one named object.</summary>
    public static JsonObject Details(GroupResource resource, string name) =>
        new() { ["name"] = name, ["group"] = resource.Group, ["kind"] = resource.Resource };
}
