using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// Counting finished pods exactly once, as trackJobStatusAndRemoveFinalizers does: a finished pod's uid goes into
/// <c>status.uncountedTerminatedPods</c> (written first), then its finalizer is removed, then the uid moves into the
/// <c>succeeded</c> or <c>failed</c> count. A restart between any two of these steps neither loses nor repeats a pod.
/// </summary>
internal sealed partial class JobController
{
    private static readonly TimeSpan FirstPodBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestPodBackoff = TimeSpan.FromMinutes(10);

    // Per Job: failures since the last success and when the latest happened, for the delay before a replacement pod.
    // Only the controller's loop touches it. A platform restart forgets it (a replacement then starts at once).
    private readonly Dictionary<(string? Namespace, string Name), (string Uid, int Failures, DateTimeOffset LastFailure)> _backoff = [];

    private static bool IsSucceeded(JsonObject pod) => pod.Str("status", "phase") == "Succeeded";

    // isPodFailed: a pod deleted before it succeeded counts as failed, as it may never reach the Failed phase.
    private static bool IsFailed(JsonObject pod) =>
        pod.Str("status", "phase") == "Failed" || (pod.At("metadata", "deletionTimestamp") is not null && !IsSucceeded(pod));

    private static bool IsTerminal(JsonObject pod) => pod.Str("status", "phase") is "Succeeded" or "Failed";

    private static bool IsActive(JsonObject pod) => !IsTerminal(pod) && pod.At("metadata", "deletionTimestamp") is null;

    private static bool IsTerminating(JsonObject pod) => !IsTerminal(pod) && pod.At("metadata", "deletionTimestamp") is not null;

    /// <summary>Counts the pods that finished since the last sync; returns the Job as stored afterwards.</summary>
    private JsonObject Track(JsonObject job, List<JsonObject> pods)
    {
        var status = job.Obj("status")?.DeepClone().AsObject() ?? [];
        var uncounted = status.Obj("uncountedTerminatedPods")?.DeepClone().AsObject() ?? [];
        var succeededUids = Uids(uncounted, "succeeded");
        var failedUids = Uids(uncounted, "failed");
        var finished = pods.Where(p => HasFinalizer(p) && (IsSucceeded(p) || IsFailed(p))
            && !succeededUids.Contains(p.Uid()) && !failedUids.Contains(p.Uid())).ToList();
        if (finished.Count > 0)
        {
            var indexes = JobIndexes.Parse(status.Str("completedIndexes"));
            foreach (var pod in finished)
            {
                (IsSucceeded(pod) ? succeededUids : failedUids).Add(pod.Uid());
                if (IsSucceeded(pod) && CompletionIndex(pod) is { } index)
                {
                    indexes.Add(index);
                }
            }

            uncounted["succeeded"] = new JsonArray([.. succeededUids.Order(StringComparer.Ordinal).Select(u => (JsonNode?)u)]);
            uncounted["failed"] = new JsonArray([.. failedUids.Order(StringComparer.Ordinal).Select(u => (JsonNode?)u)]);
            status["uncountedTerminatedPods"] = uncounted;
            if (indexes.Count > 0)
            {
                status["completedIndexes"] = JobIndexes.Format(indexes);
            }

            job["status"] = status.DeepClone();
            job = store.UpdateStatus(WorkloadResources.Jobs, job.Namespace(), job);
            RecordBackoff(job, finished);
        }

        if (succeededUids.Count == 0 && failedUids.Count == 0)
        {
            return job;
        }

        foreach (var pod in pods.Where(p => succeededUids.Contains(p.Uid()) || failedUids.Contains(p.Uid())))
        {
            ReleasePod(pod);
        }

        // Every uncounted pod is released now: move them into the counts (written with the rest of the status).
        // An Indexed Job's successes are its completed indexes (a repeated index counts once).
        status["succeeded"] = job.Str("spec", "completionMode") == "Indexed"
            ? JobIndexes.Parse(status.Str("completedIndexes")).Count
            : (status.Long("succeeded") ?? 0) + succeededUids.Count;
        status["failed"] = (status.Long("failed") ?? 0) + failedUids.Count;
        status["uncountedTerminatedPods"] = new JsonObject();
        job["status"] = status;
        return job;
    }

    private static HashSet<string> Uids(JsonObject uncounted, string field) =>
        [.. (uncounted.Arr(field) ?? []).Select(u => u?.GetValue<string>()).OfType<string>()];

    private static int? CompletionIndex(JsonObject pod) =>
        int.TryParse(pod.Str("metadata", "annotations", JobIndexes.Annotation), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>Updates the Job's failure streak with pods that just finished, in the order they finished.</summary>
    private void RecordBackoff(JsonObject job, List<JsonObject> finished)
    {
        var key = (job.Namespace(), job.Name());
        var record = _backoff.TryGetValue(key, out var known) && known.Uid == job.Uid() ? known : (Uid: job.Uid(), Failures: 0, LastFailure: DateTimeOffset.MinValue);
        foreach (var pod in finished.OrderBy(FinishedAt))
        {
            record = IsSucceeded(pod) ? record with { Failures = 0 } : record with { Failures = record.Failures + 1, LastFailure = FinishedAt(pod) };
        }

        _backoff[key] = record;
    }

    private DateTimeOffset FinishedAt(JsonObject pod)
    {
        var latest = pod.Arr("status", "containerStatuses").Objects()
            .Select(c => c.Str("state", "terminated", "finishedAt"))
            .Select(t => DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null)
            .Max();
        return latest ?? time.GetUtcNow();
    }

    /// <summary>How long before a replacement pod may be created: 10 s after the first failure, doubling to 10 minutes.</summary>
    private TimeSpan PodBackoffLeft(JsonObject job, DateTimeOffset now)
    {
        if (!_backoff.TryGetValue((job.Namespace(), job.Name()), out var record) || record.Uid != job.Uid() || record.Failures == 0)
        {
            return TimeSpan.Zero;
        }

        var delay = FirstPodBackoff;
        for (var i = 1; i < record.Failures && delay < LongestPodBackoff; i++)
        {
            delay *= 2;
        }

        delay = delay < LongestPodBackoff ? delay : LongestPodBackoff;
        var left = record.LastFailure + delay - now;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
