namespace Labs.Sessions;

/// <summary>A learner's running lab: their namespace and the toolbox pod their terminal execs into.</summary>
/// <param name="Id">Opaque, unguessable session id (URL-safe).</param>
/// <param name="LabId">The lab being worked on.</param>
/// <param name="Namespace">The learner's own namespace.</param>
/// <param name="ToolboxPod">Name of the toolbox pod in <paramref name="Namespace"/>.</param>
/// <param name="ShellCommand">The command a terminal runs in the toolbox pod (an interactive login shell).</param>
/// <param name="CreatedAt">When the session was started.</param>
/// <param name="ToolboxNamespace">Namespace of the toolbox pod (the platform's, not the learner's).</param>
/// <param name="OwnerId">
/// The learner the session belongs to (their learner id); only they may read, grade, end or attach to it. The id is
/// never a credential: knowing a session id without being its owner gets the same answer as a missing session.
/// </param>
public sealed record LabSession(
    string Id,
    string LabId,
    string Namespace,
    string ToolboxPod,
    IReadOnlyList<string> ShellCommand,
    DateTimeOffset CreatedAt,
    string ToolboxNamespace,
    string OwnerId)
{
    /// <summary>When the session ends unless the learner extends it. Default: never (a session made without one).</summary>
    public DateTimeOffset ExpiresAt { get; init; } = DateTimeOffset.MaxValue;

    /// <summary>How many times the learner reset it; each reset gets a fresh namespace and toolbox.</summary>
    public int Resets { get; init; }

    /// <summary>When the learner's current token expires (the platform writes a new one before); min value when unknown.</summary>
    public DateTimeOffset TokenExpiresAt { get; init; }

    /// <summary>Whether the session belongs to <paramref name="learnerId"/> (false for a null or empty id).</summary>
    public bool IsOwnedBy(string? learnerId) =>
        !string.IsNullOrEmpty(learnerId) && string.Equals(OwnerId, learnerId, StringComparison.Ordinal);
}
