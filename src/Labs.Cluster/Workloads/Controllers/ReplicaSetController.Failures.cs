using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Workloads.Controllers;

/// <summary>
/// What the ReplicaSet controller does when the API refuses a pod: the <c>ReplicaFailure</c> condition, one aggregated
/// FailedCreate event per set, and retries that back off (1 s doubling to 5 min) instead of spinning.
/// </summary>
internal sealed partial class ReplicaSetController
{
    private static readonly EventRecorder.Source ControllerSource = new("replicaset-controller");
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    // A timer may fire a little before the clock says its retry is due; that reconcile still is the retry.
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(100);

    // Only the simulator's single worker reconciles, so these need no lock.
    private readonly Dictionary<(string Namespace, string Name), (string Uid, int Failures, DateTimeOffset RetryAt)> _retries = [];

    /// <summary>The condition list of the set's new status: ReplicaFailure added on a first failure, removed after a success.</summary>
    private JsonArray? FailureCondition(JsonObject rs, ApiException? failure, int surplus)
    {
        var conditions = rs.Arr("status", "conditions").Objects().Select(c => c.DeepClone().AsObject()).ToList();
        var existing = conditions.FirstOrDefault(c => c.Str("type") == "ReplicaFailure");
        if (failure is not null && existing is null)
        {
            conditions.Add(new JsonObject
            {
                ["type"] = "ReplicaFailure",
                ["status"] = "True",
                ["lastTransitionTime"] = JsonPaths.Timestamp(time.GetUtcNow()),
                ["reason"] = surplus < 0 ? "FailedCreate" : "FailedDelete",
                ["message"] = failure.Message,
            });
        }
        else if (failure is null && existing is not null)
        {
            conditions.Remove(existing);
        }

        return conditions.Count == 0 ? null : new JsonArray([.. conditions]);
    }

    /// <summary>Records the failure; schedules the next retry unless one is already pending.</summary>
    private TimeSpan? Failed(JsonObject rs, ApiException failure)
    {
        var now = time.GetUtcNow();
        RecordFailedCreate(rs, failure.Message);
        var key = (rs.Namespace() ?? string.Empty, rs.Name());
        var failures = 0;
        if (_retries.TryGetValue(key, out var state) && state.Uid == rs.Uid())
        {
            if (now + Slack < state.RetryAt)
            {
                return null;
            }

            failures = state.Failures;
        }

        var delay = TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, FirstRetry.Ticks << Math.Min(failures, 20)));
        _retries[key] = (rs.Uid(), failures + 1, now + delay);
        return delay;
    }

    private TimeSpan? Succeeded(JsonObject rs)
    {
        ForgetFailures(rs.Namespace() ?? string.Empty, rs.Name());
        return null;
    }

    private void ForgetFailures(string ns, string name)
    {
        _retries.Remove((ns, name));
    }

    /// <summary>A Warning event on the set, as the controller's recorder writes it; repeats update its count.</summary>
    private void RecordFailedCreate(JsonObject rs, string error) =>
        events.Warning(rs, "FailedCreate", "Error creating: " + error, ControllerSource, latestMessage: true);
}
