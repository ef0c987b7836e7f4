namespace Labs.Content.Checks;

/// <summary>
/// An object reaches a condition, waited for up to <see cref="Timeout"/>: <c>- resource: v1/Pod/web</c>,
/// <c>condition: ready</c>. See <see cref="WaitCondition"/> for which kinds take which condition.
/// </summary>
public sealed record ConditionCheck : Check
{
    /// <summary>The default wait when no <c>timeout:</c> is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The object watched.</summary>
    public required ObjectRef Target { get; init; }

    /// <summary>The condition it must reach.</summary>
    public required WaitCondition Condition { get; init; }

    /// <summary>For <see cref="WaitCondition.Endpoints"/>: how many ready endpoints the Service needs (default 1).</summary>
    public int Endpoints { get; init; } = 1;

    /// <summary>How long the grader waits for the condition.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <inheritdoc />
    protected override string Describe() => Condition switch
    {
        WaitCondition.Ready => $"{Target} is Ready",
        WaitCondition.RolledOut => $"{Target} is rolled out",
        WaitCondition.Complete => $"{Target} is complete",
        _ => $"{Target} has {Endpoints} ready endpoint{(Endpoints == 1 ? "" : "s")}",
    };
}
