namespace Labs.Content.Checks;

/// <summary>What a <see cref="ConditionCheck"/> waits for (<c>condition:</c>).</summary>
public enum WaitCondition
{
    /// <summary><c>ready</c>: a Pod's Ready condition is True.</summary>
    Ready,
    /// <summary><c>rolledOut</c>: a Deployment, StatefulSet or DaemonSet has every replica updated and available, as <c>kubectl rollout status</c> says.</summary>
    RolledOut,
    /// <summary><c>complete</c>: a Job's Complete condition is True.</summary>
    Complete,
    /// <summary><c>endpoints</c>: a Service has at least N ready endpoints (its EndpointSlices).</summary>
    Endpoints,
}
