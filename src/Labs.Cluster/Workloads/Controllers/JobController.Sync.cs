using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>syncJob: count what finished, decide whether the Job is done, failed or suspended, then keep its pods.</summary>
internal sealed partial class JobController
{
    // The most pods one sync creates, as the real controller's burst.
    private const int BurstPods = 500;

    private TimeSpan? Sync(JsonObject job, List<JsonObject> pods)
    {
        var now = time.GetUtcNow();
        job = Track(job, pods);
        var status = job.Obj("status")?.DeepClone().AsObject() ?? [];
        var suspended = IsTrue(job.At("spec", "suspend"));
        if (!suspended && status["startTime"] is null)
        {
            status["startTime"] = JsonPaths.Timestamp(now);
        }

        var active = pods.Where(IsActive).ToList();
        TimeSpan? again = null;
        var target = Condition(status, "FailureTarget") ?? Condition(status, "SuccessCriteriaMet");
        if (target is null && FailureReason(job, status, active, now) is var (reason, message))
        {
            target = SetCondition(status, "FailureTarget", reason, message, now);
        }
        else if (target is null && IsComplete(job, status, active.Count))
        {
            target = SetCondition(status, "SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now);
        }

        if (target is not null)
        {
            // The outcome is known: nothing more runs, and the terminal condition waits until no pod is left terminating.
            DeletePods(job, active, uncounted: false);
            active.Clear();
            if (!pods.Any(p => IsTerminating(p) || IsActive(p)))
            {
                Finish(job, status, target, now);
            }
        }
        else if (suspended)
        {
            DeletePods(job, active, uncounted: true);
            active.Clear();
            if (SetCondition(status, "Suspended", "JobSuspended", "Job suspended", now, onlyIfPresent: false, changed: out var changed) is not null && changed)
            {
                events.Normal(job, "Suspended", "Job suspended", Source);
            }
        }
        else
        {
            if (Condition(status, "Suspended")?.Str("status") == "True")
            {
                SetCondition(status, "Suspended", "JobResumed", "Job resumed", now, onlyIfPresent: true, changed: out _, conditionStatus: "False");
                events.Normal(job, "Resumed", "Job resumed", Source);

                // The active deadline counts the time the Job runs without a break: it starts again on resume.
                status["startTime"] = JsonPaths.Timestamp(now);
            }

            again = Earliest(ManagePods(job, status, pods, active, now), DeadlineLeft(job, status, now));
        }

        status["active"] = active.Count;
        status["ready"] = active.Count(PodStatus.IsReady);
        status["terminating"] = pods.Count(IsTerminating);
        OmitZero(status, "active", "succeeded", "failed");
        status["uncountedTerminatedPods"] ??= new JsonObject();
        if (!JsonNode.DeepEquals(job.Obj("status"), status))
        {
            job["status"] = status;
            store.UpdateStatus(WorkloadResources.Jobs, job.Namespace(), job);
        }

        return again;
    }

    /// <summary>Why the Job fails now (backoffLimit or activeDeadlineSeconds), or null.</summary>
    private static (string Reason, string Message)? FailureReason(JsonObject job, JsonObject status, List<JsonObject> active, DateTimeOffset now)
    {
        var backoffLimit = job.Long("spec", "backoffLimit") ?? 6;
        var failed = status.Long("failed") ?? 0;
        if (failed > backoffLimit || PastBackoffLimitOnFailure(job, active, backoffLimit))
        {
            return ("BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }

        return DeadlineLeft(job, status, now) <= TimeSpan.Zero ? ("DeadlineExceeded", "Job was active longer than specified deadline") : null;
    }

    // pastBackoffLimitOnFailure: with restartPolicy OnFailure the kubelet restarts containers in place, so their restarts
    // are the failures that count.
    private static bool PastBackoffLimitOnFailure(JsonObject job, List<JsonObject> active, long backoffLimit)
    {
        if (job.Str("spec", "template", "spec", "restartPolicy") != "OnFailure")
        {
            return false;
        }

        var restarts = active.Where(p => p.Str("status", "phase") is "Running" or "Pending")
            .Sum(p => p.Arr("status", "initContainerStatuses").Objects().Concat(p.Arr("status", "containerStatuses").Objects())
                .Sum(c => c.Long("restartCount") ?? 0));
        return backoffLimit == 0 ? restarts > 0 : restarts >= backoffLimit;
    }

    /// <summary>How long the Job may still run under activeDeadlineSeconds (zero or less: past it), or null without one.</summary>
    private static TimeSpan? DeadlineLeft(JsonObject job, JsonObject status, DateTimeOffset now)
    {
        if (job.Long("spec", "activeDeadlineSeconds") is not { } seconds || IsTrue(job.At("spec", "suspend"))
            || !DateTimeOffset.TryParse(status.Str("startTime"), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var start))
        {
            return null;
        }

        return start + TimeSpan.FromSeconds(seconds) - now;
    }

    private static bool IsComplete(JsonObject job, JsonObject status, int active)
    {
        var completions = job.Long("spec", "completions");
        if (job.Str("spec", "completionMode") == "Indexed")
        {
            return JobIndexes.Parse(status.Str("completedIndexes")).Count >= (completions ?? 1);
        }

        var succeeded = status.Long("succeeded") ?? 0;
        return active == 0 && (completions is { } wanted ? succeeded >= wanted : succeeded > 0);
    }

    /// <summary>Adds the terminal condition that follows the target (Complete after SuccessCriteriaMet, Failed after FailureTarget).</summary>
    private void Finish(JsonObject job, JsonObject status, JsonObject target, DateTimeOffset now)
    {
        var success = target.Str("type") == "SuccessCriteriaMet";
        var reason = target.Str("reason") ?? string.Empty;
        var message = target.Str("message") ?? string.Empty;
        SetCondition(status, success ? "Complete" : "Failed", reason, message, now);
        if (success)
        {
            status["completionTime"] = JsonPaths.Timestamp(now);
            events.Normal(job, "Completed", "Job completed", Source);
        }
        else
        {
            events.Warning(job, reason, message, Source);
        }
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) =>
        a is null ? b : b is null ? a : a < b ? a : b;

    private static void OmitZero(JsonObject status, params string[] fields)
    {
        foreach (var field in fields)
        {
            if (status.Long(field) == 0)
            {
                status.Remove(field);
            }
        }
    }

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>A finished Job's terminal condition (Complete or Failed, True), else null: what the CronJob and TTL controllers read too.</summary>
    public static JsonObject? TerminalCondition(JsonObject job) =>
        job.Arr("status", "conditions").Objects().FirstOrDefault(c => c.Str("type") is "Complete" or "Failed" && c.Str("status") == "True");

    private static bool IsFinished(JsonObject job) => TerminalCondition(job) is not null;

    private static JsonObject? Condition(JsonObject status, string type) =>
        status.Arr("conditions").Objects().FirstOrDefault(c => c.Str("type") == type && c.Str("status") == "True");

    private static JsonObject SetCondition(JsonObject status, string type, string reason, string message, DateTimeOffset now) =>
        SetCondition(status, type, reason, message, now, onlyIfPresent: false, changed: out _)!;

    /// <summary>
    /// ensureJobConditionStatus: sets a condition's status, reason and message, with a new transition time when its status
    /// changes; adds it when absent unless <paramref name="onlyIfPresent"/>. Returns the condition, or null when none.
    /// </summary>
    private static JsonObject? SetCondition(JsonObject status, string type, string reason, string message, DateTimeOffset now,
        bool onlyIfPresent, out bool changed, string conditionStatus = "True")
    {
        var conditions = status["conditions"] as JsonArray;
        var existing = conditions.Objects().FirstOrDefault(c => c.Str("type") == type);
        var stamp = JsonPaths.Timestamp(now);
        changed = false;
        if (existing is null)
        {
            if (onlyIfPresent)
            {
                return null;
            }

            existing = new JsonObject { ["type"] = type };
            conditions ??= [];
            status["conditions"] = conditions;
            conditions.Add(existing);
        }
        else if (existing.Str("status") == conditionStatus && existing.Str("reason") == reason && existing.Str("message") == message)
        {
            return existing;
        }

        changed = true;
        var transition = existing.Str("status") == conditionStatus ? existing.Str("lastTransitionTime") ?? stamp : stamp;
        existing.Clear();
        existing["type"] = type;
        existing["status"] = conditionStatus;
        existing["lastProbeTime"] = stamp;
        existing["lastTransitionTime"] = transition;
        existing["reason"] = reason;
        existing["message"] = message;
        return existing;
    }
}
