using System.Text.Json.Nodes;
using Labs.Cluster.Schema;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// The request's part of validating a write (create, update, every patch type, server-side apply, status, scale):
/// decoding against the type model (types, ranges, unknown fields) and the object against the URL. The object's own
/// rules are the registry's (<see cref="Registry.ObjectValidation"/>), which every writer goes through. It checks the
/// object that would be stored, so a patch result is held to the same rules as a request body.
/// </summary>
internal sealed partial class ApiServer
{
    /// <summary>Checks the object a write would store against the request; throws the real API server's 400 when it is refused.</summary>
    /// <param name="context">The request (for <c>fieldValidation</c> and warnings).</param>
    /// <param name="target">What is written.</param>
    /// <param name="obj">The object to store: the body, or the patched object.</param>
    /// <param name="origin">Where the object came from.</param>
    /// <param name="urlName">The name on the URL that the object's name must match, or null for a create.</param>
    private void ValidateRequest(HttpContext context, Target target, JsonObject obj, WriteOrigin origin, string? urlName)
    {
        ValidateFields(context, target, obj, origin);
        ObjectValidator.Validate(target.Definition, obj, target.Namespace, urlName);
    }

    /// <summary>
    /// Applies decoding rules: values of the wrong type are refused (as the real decoder fails), then
    /// <c>fieldValidation</c>: Strict rejects unknown fields, Warn (the default) answers a Warning header, Ignore drops
    /// them silently. Unknown fields are removed from the object in every accepted case, as a decoder would.
    /// </summary>
    private void ValidateFields(HttpContext context, Target target, JsonObject obj, WriteOrigin origin)
    {
        var definition = target.Definition;
        string? mode = context.Request.Query["fieldValidation"];
        if (mode is not (null or "" or "Strict" or "Warn" or "Ignore"))
        {
            throw ApiErrors.BadRequest($"fieldValidation: Unsupported value: \"{mode}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }

        if (Access.JsonFields.String(obj, "kind") is { Length: > 0 } kind && kind != definition.Kind)
        {
            // Not this resource's kind at all: the object validator answers that.
            return;
        }

        // A body may leave out apiVersion and kind; the URL says what it is (the object validator checks they agree).
        obj["apiVersion"] ??= definition.ApiVersion;
        obj["kind"] ??= definition.Kind;
        if (target.Strategy.Schema is { } schema)
        {
            // Custom resources decode as unstructured JSON: the schema prunes, and wrong types are the validator's 422.
            ValidateCustomFields(context, definition, obj, schema, mode);
            return;
        }

        var typed = obj.DeepClone().AsObject();
        typed["apiVersion"] = definition.ApiVersion;
        typed["kind"] = definition.Kind;
        if (_hooks.FindTypeMismatches?.Invoke(typed) is { Count: > 0 } mismatches)
        {
            throw DecodeFailure(definition, typed, mismatches[0], origin, target.Namespace, target.Name);
        }

        if (mode == "Strict")
        {
            if (_hooks.FindUnknownFields?.Invoke(obj) is { Count: > 0 } unknown)
            {
                var fields = string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
                throw ApiErrors.BadRequest(
                    $"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: strict decoding error: {fields}");
            }

            return;
        }

        if (_hooks.RemoveUnknownFields?.Invoke(obj) is { Count: > 0 } removed && mode != "Ignore")
        {
            AddWarnings(context, removed.Select(path => $"unknown field \"{path}\""));
        }
    }

    private static void ValidateCustomFields(HttpContext context, ResourceDefinition definition, JsonObject obj,
        Registry.ApiExtensions.StructuralSchema schema, string? mode)
    {
        if (mode == "Strict")
        {
            if (schema.FindUnknown(obj) is { Count: > 0 } unknown)
            {
                var fields = string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
                throw ApiErrors.BadRequest(
                    $"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: strict decoding error: {fields}");
            }

            return;
        }

        if (schema.Prune(obj) is { Count: > 0 } removed && mode != "Ignore")
        {
            AddWarnings(context, removed.Select(path => $"unknown field \"{path}\""));
        }
    }

    /// <summary>
    /// Adds <c>Warning: 299 - "text"</c> headers as kube-apiserver's warning recorder does: duplicates once, at most
    /// about 4096 characters in all (items cut to 256 once that is near). Characters a header cannot carry are escaped.
    /// </summary>
    private static void AddWarnings(HttpContext context, IEnumerable<string> texts)
    {
        const int TotalChars = 4 * 1024;
        const int ItemChars = 256;
        var headers = context.Response.Headers;
        var total = headers["Warning"].Sum(h => h?.Length ?? 0);
        foreach (var text in texts)
        {
            if (total >= TotalChars)
            {
                return;
            }

            var item = text.Length > ItemChars && total + text.Length > TotalChars ? text[..ItemChars] : text;
            var escaped = new System.Text.StringBuilder("299 - \"");
            foreach (var c in item)
            {
                escaped.Append(c switch
                {
                    '"' or '\\' => $"\\{c}",
                    < ' ' or > '~' => $"\\u{(int)c:x4}",
                    _ => c.ToString(),
                });
            }

            var header = escaped.Append('"').ToString();
            if (!headers["Warning"].Contains(header))
            {
                headers.Append("Warning", header);
                total += item.Length;
            }
        }
    }

    /// <summary>The real API server's error for a value its decoder could not read, in the words of that write path.</summary>
    private static ApiException DecodeFailure(ResourceDefinition definition, JsonObject obj, FieldTypeMismatch mismatch,
        WriteOrigin origin, string? ns, string name)
    {
        switch (origin.PatchType)
        {
            case null:
                return ApiErrors.BadRequest(
                    $"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: {mismatch.DecodeError}");
            case "application/strategic-merge-patch+json":
                // The strategic patcher converts maps to typed objects and shows the patch map, Go-formatted.
                return ApiErrors.PatchInvalid(GoText.Quote(GoText.Value(origin.Patch)), mismatch.ConvertError);
            case "application/apply-patch+yaml":
                var gvk = $"{definition.Group}/{definition.Version}, Kind={definition.Kind}";
                var objectName = obj.MetaString("name") is { Length: > 0 } n ? n : name;
                return ApiErrors.BadRequest($"failed to create typed patch object ({ns}/{objectName}; {gvk}): {mismatch.ApplyError}");
            default:
                // JSON and merge patches decode the patched JSON, which Go's encoder wrote with sorted keys.
                return ApiErrors.PatchInvalid(GoText.Quote(GoText.SortedJson(obj)), mismatch.DecodeError);
        }
    }
}
