using Microsoft.Extensions.Logging;

namespace Labs.Sessions;

public sealed partial class SessionManager
{
    /// <summary>
    /// Hands the running sessions of <paramref name="fromOwner"/> (an anonymous learner who just signed in) to
    /// <paramref name="intoOwner"/> (their account), keeping one live session per learner and lab: where the account
    /// already runs the same lab, the account's session stays and the other one is finished. The database rows move
    /// with the learner's other records (Labs.Data's LearnerMerge); this moves what runs.
    /// </summary>
    /// <returns>The sessions that now belong to <paramref name="intoOwner"/>.</returns>
    public async Task<IReadOnlyList<LabSession>> TransferAsync(string fromOwner, string intoOwner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fromOwner);
        ArgumentException.ThrowIfNullOrEmpty(intoOwner);
        if (string.Equals(fromOwner, intoOwner, StringComparison.Ordinal))
        {
            return [];
        }

        var labsOfAccount = _registry.OwnedBy(intoOwner).Select(s => s.LabId).ToHashSet(StringComparer.Ordinal);
        foreach (var duplicate in _registry.OwnedBy(fromOwner).Where(s => labsOfAccount.Contains(s.LabId)))
        {
            await EndAsync(duplicate.Id, SessionEndReason.Finished, cancellationToken);
        }

        var moved = _registry.Reassign(fromOwner, intoOwner);
        foreach (var session in moved)
        {
            LogTransferred(session.Id, session.LabId);
        }

        return moved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of lab {LabId} moved to the account its learner signed in to")]
    private partial void LogTransferred(string sessionId, string labId);
}
