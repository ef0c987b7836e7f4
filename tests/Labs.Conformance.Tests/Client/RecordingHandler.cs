using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Labs.Conformance.Tests.Client;

/// <summary>
/// Sits in front of KubernetesClient's HTTP handler and keeps every response body as the server sent it, so that a
/// test can compare what the client made of a response with the response itself. Watch bodies are kept as they are read.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    public ConcurrentQueue<RecordedResponse> Responses { get; } = new();

    /// <summary>The last response to a <paramref name="method"/> request whose path (without the query) is <paramref name="path"/>.</summary>
    public RecordedResponse Last(string method, string path) =>
        Responses.LastOrDefault(r => r.Method == method && r.Path == path)
        ?? throw new InvalidOperationException($"No {method} response for {path}; saw: {string.Join(", ", Responses.Select(r => $"{r.Method} {r.PathAndQuery}"))}");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var recorded = new RecordedResponse(request.Method.Method, request.RequestUri!.PathAndQuery, response.StatusCode);
        Responses.Enqueue(recorded);
        if (request.RequestUri.Query.Contains("watch=true", StringComparison.Ordinal))
        {
            var original = response.Content;
            var stream = new TeeStream(await original.ReadAsStreamAsync(cancellationToken), recorded.Body);
            var content = new StreamContent(stream);
            foreach (var header in original.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
        }
        else
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            recorded.Append(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }

        return response;
    }
}

/// <summary>One response body as the server sent it.</summary>
public sealed class RecordedResponse(string method, string pathAndQuery, HttpStatusCode status)
{
    public string Method { get; } = method;

    public string PathAndQuery { get; } = pathAndQuery;

    public string Path => PathAndQuery.Split('?')[0];

    public HttpStatusCode Status { get; } = status;

    internal MemoryStream Body { get; } = new();

    public string Text
    {
        get
        {
            lock (Body)
            {
                return Encoding.UTF8.GetString(Body.ToArray());
            }
        }
    }

    internal void Append(ReadOnlySpan<byte> bytes)
    {
        lock (Body)
        {
            Body.Write(bytes);
        }
    }
}
