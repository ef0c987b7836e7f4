using System.Runtime.CompilerServices;

namespace Labs.Kube;

public sealed partial class KubeClient
{
    /// <inheritdoc />
    /// <remarks>
    /// <c>ERROR</c> events (e.g. 410 Gone for a too old resourceVersion) are yielded; the caller decides whether
    /// to re-list. A refused watch raises <see cref="KubeApiException"/>.
    /// </remarks>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(ResourceType type, string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var uri = Url(type, ns, null, null,
        [
            new("watch", "true"),
            new("resourceVersion", options?.ResourceVersion),
            new("labelSelector", options?.LabelSelector),
            new("fieldSelector", options?.FieldSelector),
            new("timeoutSeconds", options?.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("allowWatchBookmarks", options?.AllowWatchBookmarks == true ? "true" : null),
        ]);
        var what = $"GET {uri.PathAndQuery}";

        using var request = CreateRequest(HttpMethod.Get, uri);
        using var response = await SendWatchAsync(request, what, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw KubeStatus.ToException(response.StatusCode, response.ReasonPhrase, body, what);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using (stream)
        {
            // Cancellation must also interrupt a read that waits for the next event.
            using var registration = cancellationToken.Register(static s => ((Stream)s!).Dispose(), stream);
            await using var events = WatchEventReader.ReadAsync(stream, what, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or HttpRequestException)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    // The server or network dropped the stream: the watch is over, as when the server closes it.
                    more = false;
                }

                if (!more)
                {
                    yield break;
                }

                yield return events.Current;
            }
        }
    }

    private async Task<HttpResponseMessage> SendWatchAsync(HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        // Only the response headers are bounded by the request timeout; the stream may stay open for long.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            timeout.CancelAfter(RequestTimeout);
        }

        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} to {Connection.Server.Authority} sent no response headers within {RequestTimeout.TotalSeconds:0.#} s.");
        }
    }
}
