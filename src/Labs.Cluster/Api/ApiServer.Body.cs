using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>Reading request bodies (JSON or protobuf) and server-side field validation.</summary>
internal sealed partial class ApiServer
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, MaxDepth = 128 };

    /// <summary>The media type of the request body, without parameters, lowercased.</summary>
    private static string MediaType(HttpContext context) =>
        (context.Request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();

    private static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new ApiException(413, "RequestEntityTooLarge", $"the request body is larger than {MaxBodyBytes} bytes");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            throw new ApiException(413, "RequestEntityTooLarge", $"the request body is larger than {MaxBodyBytes} bytes");
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a body that must be one object (create, update).</summary>
    private async Task<JsonObject> ReadObjectAsync(HttpContext context)
    {
        var mediaType = MediaType(context);
        var bytes = await ReadBytesAsync(context);
        if (mediaType == "application/vnd.kubernetes.protobuf")
        {
            var decode = _hooks.DecodeProtobuf ?? throw ApiErrors.UnsupportedMediaType(mediaType);
            try
            {
                return decode(bytes);
            }
            catch (Exception e) when (e is FormatException or InvalidDataException or ArgumentException)
            {
                throw ApiErrors.BadRequest($"protobuf: {e.Message}");
            }
        }

        if (mediaType is not ("application/json" or "application/apply-patch+yaml"))
        {
            throw ApiErrors.UnsupportedMediaType(mediaType);
        }

        return ParseNode(bytes) as JsonObject ?? throw ApiErrors.BadRequest("json: the request body must be a JSON object");
    }

    private static JsonNode? ParseNode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            throw ApiErrors.BadRequest("json: the request body is empty");
        }

        return JsonNode.Parse(bytes, NodeOptions, DocumentOptions);
    }

    /// <summary>
    /// Applies <c>fieldValidation</c>: Strict rejects unknown fields, Warn (the default) answers a Warning header, Ignore
    /// drops them silently. Unknown fields are removed from the object in every accepted case, as a decoder would.
    /// </summary>
    private void ValidateFields(HttpContext context, ResourceDefinition definition, JsonObject obj)
    {
        string? mode = context.Request.Query["fieldValidation"];
        if (mode is not (null or "" or "Strict" or "Warn" or "Ignore"))
        {
            throw ApiErrors.BadRequest($"fieldValidation: Unsupported value: \"{mode}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }

        // Only client-written bodies are type-checked: stored objects carry server-set fields the check does not model.
        if (_hooks.FindTypeMismatches is { } mismatches && context.Request.Method == "POST")
        {
            var typed = obj.DeepClone().AsObject();
            typed["apiVersion"] = definition.ApiVersion;
            typed["kind"] = definition.Kind;
            if (mismatches(typed) is { Count: > 0 } found)
            {
                var (path, expected, actual) = found[0];
                throw ApiErrors.BadRequest(
                    $"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: json: cannot unmarshal {actual} into Go struct field {path} of type {expected}");
            }
        }

        if (_hooks.FindUnknownFields is not { } find)
        {
            return;
        }

        var unknown = find(obj);
        if (unknown.Count == 0)
        {
            return;
        }

        if (mode == "Strict")
        {
            var fields = string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
            throw ApiErrors.BadRequest(
                $"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: strict decoding error: {fields}");
        }

        foreach (var path in unknown)
        {
            RemovePath(obj, path);
            if (mode != "Ignore")
            {
                context.Response.Headers.Append("Warning", $"299 - \"unknown field \\\"{path}\\\"\"");
            }
        }
    }

    private static void RemovePath(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        var segments = path.Replace("[", ".[", StringComparison.Ordinal).Split('.', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var last = i == segments.Length - 1;
            if (segment.StartsWith('[') && int.TryParse(segment[1..^1], out var index))
            {
                node = node is JsonArray a && index < a.Count ? a[index] : null;
            }
            else if (node is JsonObject o)
            {
                if (last)
                {
                    o.Remove(segment);
                    return;
                }

                node = o[segment];
            }
            else
            {
                return;
            }
        }
    }
}
