using System.Buffers;
using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Schema;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>Reading request bodies (JSON or protobuf), bounded in size and strictly decoded.</summary>
internal sealed partial class ApiServer
{
    /// <summary>The media type of the request body, without parameters, lowercased.</summary>
    private static string MediaType(HttpContext context) =>
        (context.Request.ContentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>
    /// Reads the whole body, refusing it with 413 as soon as it passes <see cref="MaxBodyBytes"/>: a chunked body
    /// without Content-Length is read only that far, never buffered whole first.
    /// </summary>
    private static async Task<byte[]> ReadBytesAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw TooLarge();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static ApiException TooLarge() =>
        ApiErrors.RequestEntityTooLarge($"limit is {MaxBodyBytes.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Reads a body that must be one object (create, update) of the resource's kind.</summary>
    private async Task<JsonObject> ReadObjectAsync(HttpContext context, ResourceDefinition definition)
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

        return ParseBody(bytes, definition) as JsonObject ?? throw ApiErrors.BadRequest("json: the request body must be a JSON object");
    }

    /// <summary>
    /// Reads an optional object body for the handed-off endpoints (tokens, access reviews) under the same size limit and
    /// strict decoding as every other body: null when empty.
    /// </summary>
    internal static async Task<JsonObject?> ReadOptionalObjectAsync(HttpContext context, Func<byte[], JsonObject> decodeProtobuf)
    {
        ArgumentNullException.ThrowIfNull(decodeProtobuf);
        var bytes = await ReadBytesAsync(context);
        if (bytes.Length == 0)
        {
            return null;
        }

        if (MediaType(context) == "application/vnd.kubernetes.protobuf")
        {
            return decodeProtobuf(bytes);
        }

        return ParseJson(bytes, string.Empty) as JsonObject ?? throw ApiErrors.BadRequest("json: the request body must be a JSON object");
    }

    /// <summary>Parses a create or update body; duplicate fields and broken text are the decoder's errors for the kind.</summary>
    private static JsonNode? ParseBody(byte[] bytes, ResourceDefinition definition)
    {
        try
        {
            return StrictJson.Parse(NonEmpty(bytes));
        }
        catch (StrictJsonException e) when (e.Problem == StrictJsonProblem.Syntax)
        {
            throw ApiErrors.BadRequest($"json: {e.Message}");
        }
        catch (StrictJsonException e)
        {
            var error = e.Problem == StrictJsonProblem.DuplicateField ? $"strict decoding error: {e.Message}" : $"json: {e.Message}";
            throw ApiErrors.BadRequest(
                $"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: {error}");
        }
    }

    /// <summary>Parses a patch body.</summary>
    private static JsonNode? ParsePatch(byte[] bytes) => ParseJson(NonEmpty(bytes), "error decoding patch: ");

    /// <summary>Parses a JSON body that is not an object of the resource's kind (a patch, DeleteOptions).</summary>
    private static JsonNode? ParseJson(byte[] bytes, string errorPrefix)
    {
        try
        {
            return StrictJson.Parse(bytes);
        }
        catch (StrictJsonException e)
        {
            throw ApiErrors.BadRequest($"{errorPrefix}json: {e.Message}");
        }
    }

    private static byte[] NonEmpty(byte[] bytes) =>
        bytes.Length > 0 ? bytes : throw ApiErrors.BadRequest("json: the request body is empty");
}
