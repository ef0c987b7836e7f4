using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Labs.Kube;

/// <summary>Waiting for a pod through reads and watches (no polling of the object itself).</summary>
public static class PodWaits
{
    private static readonly TimeSpan s_rewatchPause = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Waits until the pod satisfies <paramref name="condition"/> and returns it: reads it, then watches it (and reads
    /// again whenever the server ends the watch, e.g. with 410 Gone) until the condition holds.
    /// </summary>
    /// <param name="kube">The client.</param>
    /// <param name="ns">The pod's namespace.</param>
    /// <param name="name">The pod's name.</param>
    /// <param name="condition">Evaluated on every version of the pod seen; may be called many times.</param>
    /// <param name="timeout">How long to wait in total.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    /// <exception cref="HttpOperationException">The server refused the read or the watch.</exception>
    /// <exception cref="KubernetesException">The watch ended with an error other than 410 Gone.</exception>
    public static async Task<V1Pod> WaitForPodAsync(this IKubernetes kube, string ns, string name, Func<V1Pod, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kube);
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(condition);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        V1Pod? last = null;
        try
        {
            while (true)
            {
                last = await ReadAsync(kube, ns, name, deadline.Token);
                if (last is not null && condition(last))
                {
                    return last;
                }

                Exception? error = null;
                try
                {
                    await foreach (var (type, pod) in kube.CoreV1.WatchListNamespacedPodAsync(
                                       ns,
                                       allowWatchBookmarks: true,
                                       fieldSelector: $"metadata.name={name}",
                                       resourceVersion: last?.Metadata?.ResourceVersion,
                                       onError: e => error ??= e,
                                       cancellationToken: deadline.Token))
                    {
                        if (type is WatchEventType.Added or WatchEventType.Modified)
                        {
                            last = pod;
                            if (condition(pod))
                            {
                                return pod;
                            }
                        }
                        else if (type == WatchEventType.Deleted)
                        {
                            last = null;
                        }
                    }
                }
                catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
                {
                    // KubernetesClient waits for a watch's first line; a watch the server ends before any event (its
                    // timeout) surfaces as this. It is the same as any other end of the watch.
                }

                // 410 Gone: our resourceVersion is too old; the next read starts afresh. Anything else is a real error.
                if (error is not null && error.Code() != (int)HttpStatusCode.Gone)
                {
                    throw error;
                }

                // The server ended the watch (its timeout); pause briefly so a failing server is not hammered.
                await Task.Delay(s_rewatchPause, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            var state = last is null ? "it does not exist" : $"last seen at resourceVersion {last.Metadata?.ResourceVersion ?? "?"}, phase {last.Status?.Phase ?? "none"}";
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for pod {ns}/{name} to reach the expected state ({state}).");
        }
    }

    private static async Task<V1Pod?> ReadAsync(IKubernetes kube, string ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await kube.CoreV1.ReadNamespacedPodAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
