using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Images;

/// <summary>
/// The kubelet's image manager on the simulated nodes: pulls a container's image from the <see cref="ImageCatalog"/>
/// as its imagePullPolicy says, keeps what each node has pulled, and reports a failure as the kubelet does:
/// <c>ErrImagePull</c> with the runtime's error, then <c>ImagePullBackOff</c> until the next try (10 s, doubling up to
/// 5 minutes), with the kubelet's events at each step.
/// </summary>
internal sealed class ImagePuller(ImageCatalog catalog, EventRecorder events, TimeProvider time)
{
    /// <summary>The first back-off after a failed pull; it doubles with each failure, up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>How long a failed pull shows as ErrImagePull before the kubelet's next sync finds it backing off.</summary>
    public static readonly TimeSpan ErrImagePullShown = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _present = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Uid, string Container), PullState> _pulls = new();

    /// <summary>Why a container cannot be created yet: the waiting reason and message of its status, and when to look again.</summary>
    public sealed record Waiting(string Reason, string Message, TimeSpan? LookAgain);

    /// <summary>
    /// Makes sure a container's image is on the pod's node; null when it is (pulled now or before), else why not.
    /// <paramref name="since"/> is when the pod started waiting for its containers (the pull's duration in the event).
    /// </summary>
    public Waiting? Ensure(JsonObject pod, JsonObject container, string fieldPath, DateTimeOffset since)
    {
        var image = container.Str("image") ?? "";
        var node = pod.Str("spec", "nodeName") ?? "";
        var source = new EventRecorder.Source("kubelet", node);
        var key = (pod.Uid(), container.Str("name") ?? "");
        var state = _pulls.AddOrUpdate(key, _ => new PullState(image), (_, old) => old.Image == image ? old : new PullState(image));
        lock (state)
        {
            if (state.Pulled)
            {
                return null;
            }

            if (ImageName.Parse(image, out var parseError) is not { } name)
            {
                var message = $"Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": {parseError}";
                if (state.Report("invalid"))
                {
                    events.Warning(pod, "InspectFailed", message, source, fieldPath);
                    events.Warning(pod, "Failed", "Error: InvalidImageName", source, fieldPath);
                }

                return new Waiting("InvalidImageName", message, null);
            }

            var onNode = _present.GetOrAdd(node, _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
            var policy = container.Str("imagePullPolicy") ?? Schema.ObjectDefaults.PullPolicyFor(image);
            if (policy != "Always" && onNode.ContainsKey(name.Full))
            {
                events.Normal(pod, "Pulled", $"Container image \"{image}\" already present on machine", source, fieldPath);
                state.Pulled = true;
                return null;
            }

            if (policy == "Never")
            {
                var message = $"Container image \"{image}\" is not present with pull policy of Never";
                if (state.Report("never"))
                {
                    events.Warning(pod, "ErrImageNeverPull", message, source, fieldPath);
                    events.Warning(pod, "Failed", "Error: ErrImageNeverPull", source, fieldPath);
                }

                return new Waiting("ErrImageNeverPull", message, null);
            }

            var now = time.GetUtcNow();
            if (state.FailedAt is { } failedAt && now < failedAt + state.Backoff)
            {
                if (now < failedAt + ErrImagePullShown)
                {
                    return new Waiting("ErrImagePull", state.Error!, failedAt + ErrImagePullShown - now);
                }

                var backingOff = $"Back-off pulling image \"{image}\"";
                if (state.Report("backoff " + failedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)))
                {
                    events.Normal(pod, "BackOff", backingOff, source, fieldPath);
                    events.Warning(pod, "Failed", "Error: ImagePullBackOff", source, fieldPath);
                }

                return new Waiting("ImagePullBackOff", backingOff, failedAt + state.Backoff - now);
            }

            events.Normal(pod, "Pulling", $"Pulling image \"{image}\"", source, fieldPath);
            var (size, error) = catalog.Pull(name);
            if (error is not null)
            {
                events.Warning(pod, "Failed", $"Failed to pull image \"{image}\": {error}", source, fieldPath);
                events.Warning(pod, "Failed", "Error: ErrImagePull", source, fieldPath);
                state.FailedAt = now;
                state.Backoff = state.Backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(state.Backoff.Ticks * 2, MaxBackoff.Ticks));
                state.Error = error;
                return new Waiting("ErrImagePull", error, ErrImagePullShown);
            }

            var took = GoDuration(now - since);
            events.Normal(pod, "Pulled", $"Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {size} bytes.", source, fieldPath);
            onNode[name.Full] = true;
            state.Pulled = true;
            return null;
        }
    }

    /// <summary>Forgets a deleted pod's pulls and back-offs (the node keeps its images).</summary>
    public void Forget(string podUid)
    {
        foreach (var key in _pulls.Keys.Where(k => k.Uid == podUid))
        {
            _pulls.TryRemove(key, out _);
        }
    }

    /// <summary>A duration as Go prints a <c>time.Duration</c> truncated to milliseconds: <c>512ms</c>, <c>1.5s</c>, <c>2m3.004s</c>.</summary>
    internal static string GoDuration(TimeSpan duration)
    {
        var ms = Math.Max(0, (long)duration.TotalMilliseconds);
        if (ms < 1000)
        {
            return ms == 0 ? "0s" : $"{ms}ms";
        }

        var seconds = (ms % 60_000 / 1000m).ToString("0.###", CultureInfo.InvariantCulture) + "s";
        var minutes = ms / 60_000;
        return minutes == 0 ? seconds : minutes < 60 ? $"{minutes}m{seconds}" : $"{minutes / 60}h{minutes % 60}m{seconds}";
    }

    /// <summary>One container's image as the pod's kubelet pulls it.</summary>
    private sealed class PullState(string image)
    {
        private string? _reported;

        public string Image { get; } = image;

        public bool Pulled { get; set; }

        public DateTimeOffset? FailedAt { get; set; }

        public TimeSpan Backoff { get; set; }

        public string? Error { get; set; }

        /// <summary>Whether a state is new (its events are recorded once, not at every look).</summary>
        public bool Report(string what)
        {
            var first = _reported != what;
            _reported = what;
            return first;
        }
    }
}
