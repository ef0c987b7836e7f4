using System.Text.Json.Nodes;
using Labs.Content.Checks;
using Labs.Kube;

namespace Labs.Grading.Evaluation;

/// <summary>
/// Waits for a condition: reads the object (for Services, their EndpointSlices), and while the condition does not hold,
/// watches for the next change and reads again, until the check's timeout. No polling: a change wakes it. A missing
/// object fails at once.
/// </summary>
internal sealed class ConditionEvaluator(KubeObjects objects, TimeProvider time)
{
    private static readonly TimeSpan RewatchPause = TimeSpan.FromMilliseconds(200);

    public async Task<Outcome> EvaluateAsync(ConditionCheck check, string ns, bool wait, CancellationToken cancellationToken)
    {
        var expected = check.Condition == WaitCondition.Endpoints ? $"at least {check.Endpoints} ready endpoints" : check.Condition.ToString();
        using var deadline = new CancellationTokenSource(wait ? check.Timeout : Timeout.InfiniteTimeSpan, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        (ConditionState? State, string? ResourceVersion) last = (null, null);
        try
        {
            while (true)
            {
                last = await ReadAsync(check, ns, linked.Token);
                if (last.State is { Satisfied: true } done)
                    return Outcome.Pass($"{Subject(check)}: {done.State}", expected, done.Found);
                // Waiting is for an object on its way (pods starting, a rollout); one that is not there will not come by
                // itself, and a learner's Check should say so at once.
                if (last.State is null or { Final: true } || !wait)
                    return Failed(check, last.State, expected, waited: false);
                var changed = false;
                await foreach (var (_, obj) in Watch(check, ns, last.ResourceVersion, linked.Token))
                {
                    // A watch from a resourceVersion sends only later changes; an event at the version already read is no change.
                    if (obj["metadata"]?["resourceVersion"]?.GetValue<string>() is { } version && version != last.ResourceVersion)
                    {
                        changed = true;
                        break;
                    }
                }
                if (!changed)
                    await Task.Delay(RewatchPause, time, linked.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Failed(check, last.State, expected, waited: wait);
        }
    }

    private async Task<(ConditionState? State, string? ResourceVersion)> ReadAsync(ConditionCheck check, string ns, CancellationToken cancellationToken)
    {
        if (check.Condition == WaitCondition.Endpoints)
        {
            var service = await objects.GetAsync(check.Target.ApiVersion, check.Target.Kind, ns, check.Target.Name, cancellationToken);
            if (service is null)
                return (null, null);
            var (slices, version) = await objects.ListAsync("discovery.k8s.io/v1", "EndpointSlice", ns, $"kubernetes.io/service-name={check.Target.Name}", cancellationToken: cancellationToken);
            return (Conditions.Endpoints(slices, check.Endpoints), version);
        }
        var obj = await objects.GetAsync(check.Target.ApiVersion, check.Target.Kind, ns, check.Target.Name, cancellationToken);
        return obj is null ? (null, null) : (Conditions.Evaluate(check.Condition, check.Target.Kind, obj), obj["metadata"]?["resourceVersion"]?.GetValue<string>());
    }

    private IAsyncEnumerable<(k8s.WatchEventType, JsonObject)> Watch(ConditionCheck check, string ns, string? resourceVersion, CancellationToken cancellationToken) =>
        check.Condition == WaitCondition.Endpoints && resourceVersion is not null
            ? objects.WatchAsync("discovery.k8s.io/v1", "EndpointSlice", ns, $"kubernetes.io/service-name={check.Target.Name}", null, resourceVersion, cancellationToken)
            : objects.WatchAsync(check.Target.ApiVersion, check.Target.Kind, ns, null, $"metadata.name={check.Target.Name}", check.Condition == WaitCondition.Endpoints ? null : resourceVersion, cancellationToken);

    private static Outcome Failed(ConditionCheck check, ConditionState? state, string expected, bool waited)
    {
        var after = waited ? $" after {check.Timeout.TotalSeconds:0.#} s" : "";
        if (state is null)
            return Outcome.Fail($"{check.Target} not found{after}", expected);
        var what = check.Condition switch
        {
            WaitCondition.Ready => "is not Ready",
            WaitCondition.RolledOut => "is not rolled out",
            WaitCondition.Complete => "is not complete",
            _ => $"does not have {check.Endpoints} ready endpoint{(check.Endpoints == 1 ? "" : "s")}",
        };
        return Outcome.Fail($"{check.Target} {what}{after}: {state.State}", expected, state.Found);
    }

    private static string Subject(ConditionCheck check) => check.Condition switch
    {
        WaitCondition.Ready => $"{check.Target} is Ready",
        WaitCondition.RolledOut => $"{check.Target} is rolled out",
        WaitCondition.Complete => $"{check.Target} is complete",
        _ => $"{check.Target} has ready endpoints",
    };
}
