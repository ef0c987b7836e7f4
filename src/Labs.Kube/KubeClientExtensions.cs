using System.Text.Json.Nodes;

namespace Labs.Kube;

/// <summary>Conveniences built on any <see cref="IKubeClient"/> (so they work with fakes too).</summary>
public static class KubeClientExtensions
{
    /// <summary>
    /// Waits until the object satisfies <paramref name="condition"/> and returns it: reads it once, then watches
    /// it (re-establishing the watch whenever the server closes it) until the condition holds.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="type">The object's type.</param>
    /// <param name="ns">The object's namespace; null for cluster-scoped types.</param>
    /// <param name="name">The object's name.</param>
    /// <param name="condition">Evaluated on every version of the object seen; may be called many times.</param>
    /// <param name="timeout">How long to wait in total.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    /// <exception cref="KubeApiException">The server refused the read or the watch.</exception>
    public static async Task<JsonObject> WaitForAsync(this IKubeClient client, ResourceType type, string? ns, string name, Func<JsonObject, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(condition);

        var target = ns is null || !type.Namespaced ? $"{type.Kind} {name}" : $"{type.Kind} {ns}/{name}";
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        JsonObject? last = null;
        try
        {
            var resourceVersion = await ReadAsync();
            if (last is not null && condition(last))
            {
                return last;
            }

            while (true)
            {
                var options = new WatchOptions(resourceVersion, FieldSelector: $"metadata.name={name}", AllowWatchBookmarks: true);
                var restart = false;
                await foreach (var e in client.WatchAsync(type, ns, options, deadline.Token))
                {
                    if (e.Type == "ERROR")
                    {
                        var error = KubeStatus.FromStatus(e.Object, 500, $"watch of {target}");
                        if (error.Code != 410)
                        {
                            throw error;
                        }

                        // Our resourceVersion is too old: start again from a fresh read.
                        resourceVersion = await ReadAsync();
                        if (last is not null && condition(last))
                        {
                            return last;
                        }

                        restart = true;
                        break;
                    }

                    resourceVersion = ResourceVersion(e.Object) ?? resourceVersion;
                    if (e.Type is "ADDED" or "MODIFIED")
                    {
                        last = e.Object;
                        if (condition(last))
                        {
                            return last;
                        }
                    }
                    else if (e.Type == "DELETED")
                    {
                        last = null;
                    }
                }

                if (!restart)
                {
                    // The server closed the watch (its timeout); pause briefly so a failing server is not hammered.
                    await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            var state = last is null ? "it does not exist" : $"last seen at resourceVersion {ResourceVersion(last) ?? "?"}";
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {target} to reach the expected state ({state}).");
        }

        async Task<string?> ReadAsync()
        {
            last = await client.GetAsync(type, ns, name, deadline.Token);
            return last is null ? null : ResourceVersion(last);
        }
    }

    private static string? ResourceVersion(JsonObject obj) =>
        obj["metadata"]?["resourceVersion"] is JsonValue value && value.TryGetValue<string>(out var rv) ? rv : null;
}
