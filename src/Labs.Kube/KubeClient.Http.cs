using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Kube;

public sealed partial class KubeClient
{
    /// <summary>Sends one request and returns the JSON object it answered; null for an allowed 404.</summary>
    private async Task<JsonObject?> SendAsync(HttpMethod method, Uri uri, HttpContent? content, bool allowNotFound, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(method, uri);
        request.Content = content;
        var what = $"{method} {uri.PathAndQuery}";

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(RequestTimeout);
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotFound && allowNotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw KubeStatus.ToException(response.StatusCode, response.ReasonPhrase, body, what);
            }

            // Some servers answer a DELETE with an empty body; the delete still happened.
            return method == HttpMethod.Delete && string.IsNullOrWhiteSpace(body) ? [] : ParseObject(body, what);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} to {Connection.Server.Authority} did not complete within {RequestTimeout.TotalSeconds:0.#} s.");
        }
    }

    internal HttpRequestMessage CreateRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var token = Connection.GetBearerToken();
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static JsonObject ParseObject(string body, string what)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject
                ?? throw new InvalidDataException($"{what} answered JSON that is not an object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{what} answered a body that is not JSON: {e.Message}", e);
        }
    }
}
