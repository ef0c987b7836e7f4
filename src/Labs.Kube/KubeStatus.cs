using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Kube;

/// <summary>Turns an error response (ideally a <c>v1.Status</c>) into a <see cref="KubeApiException"/>.</summary>
internal static class KubeStatus
{
    /// <summary>Builds the exception from a response's status code and body.</summary>
    public static KubeApiException ToException(HttpStatusCode statusCode, string? reasonPhrase, string? body, string what)
    {
        var code = (int)statusCode;
        if (TryParseStatus(body, out var status))
        {
            return FromStatus(status, code, what);
        }

        var reason = statusCode.ToString();
        var text = string.IsNullOrWhiteSpace(reasonPhrase) ? reason : reasonPhrase;
        var detail = string.IsNullOrWhiteSpace(body) ? "" : $": {Truncate(body.Trim(), 200)}";
        return new KubeApiException(code, reason, $"{what} failed with HTTP {code} {text}{detail}");
    }

    /// <summary>Builds the exception from a parsed Status object (e.g. a watch ERROR event).</summary>
    public static KubeApiException FromStatus(JsonObject status, int fallbackCode, string what)
    {
        var code = status["code"] is JsonValue codeValue && codeValue.TryGetValue<int>(out var parsed) ? parsed : fallbackCode;
        var reason = status["reason"]?.GetValueKind() == JsonValueKind.String ? status["reason"]!.GetValue<string>() : "Unknown";
        var message = status["message"]?.GetValueKind() == JsonValueKind.String ? status["message"]!.GetValue<string>() : $"{what} failed with HTTP {code} ({reason})";
        return new KubeApiException(code, reason, message);
    }

    public static bool TryParseStatus(string? body, out JsonObject status)
    {
        status = null!;
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(body) is JsonObject obj && obj["kind"]?.GetValueKind() == JsonValueKind.String && obj["kind"]!.GetValue<string>() == "Status")
            {
                status = obj;
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";
}
