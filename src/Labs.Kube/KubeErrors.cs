using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Labs.Kube;

/// <summary>
/// Reads the <c>v1.Status</c> an API server answered out of KubernetesClient's exceptions, so that messages say what
/// the server said ("pods \"web\" is forbidden: ...") rather than "Operation returned an invalid status code".
/// </summary>
public static class KubeErrors
{
    /// <summary>Whether the exception is the API server's answer with HTTP status <paramref name="code"/>.</summary>
    public static bool HasCode(this Exception exception, HttpStatusCode code) => Code(exception) == (int)code;

    /// <summary>The HTTP status code the server answered, or null when the exception is not an API answer.</summary>
    public static int? Code(this Exception exception) => exception switch
    {
        HttpOperationException { Response: { } response } => (int)response.StatusCode,
        KubernetesException { Status.Code: { } code } => code,
        _ => null,
    };

    /// <summary>The server's <c>v1.Status</c>, when the exception carries one.</summary>
    public static V1Status? Status(this Exception exception)
    {
        switch (exception)
        {
            case KubernetesException { Status: { } status }:
                return status;
            case HttpOperationException { Body: V1Status body }:
                return body;
            case HttpOperationException { Response.Content: { Length: > 0 } content }:
                try
                {
                    var status = KubernetesJson.Deserialize<V1Status>(content);
                    return status?.Kind == "Status" ? status : null;
                }
                catch (JsonException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    /// <summary>
    /// One line for a person: <c>Reason (code): message</c> from the server's Status, or the exception's own message
    /// when there is none.
    /// </summary>
    public static string Describe(this Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var status = Status(exception);
        var code = Code(exception);
        if (status?.Message is { Length: > 0 } message)
        {
            return status.Reason is { Length: > 0 } reason ? $"{reason} ({code ?? status.Code}): {message}" : message;
        }

        return exception is HttpOperationException { Response: { } response }
            ? $"{response.StatusCode} ({(int)response.StatusCode}): {(string.IsNullOrWhiteSpace(response.Content) ? response.ReasonPhrase : response.Content.Trim())}"
            : exception.Message;
    }

    /// <summary>Whether the exception is a failed or unanswered call to the API server (rather than a bug).</summary>
    public static bool IsApiFailure(this Exception exception) =>
        exception is HttpOperationException or KubernetesException or HttpRequestException or UnknownKindException
            or System.Net.WebSockets.WebSocketException or IOException;
}
