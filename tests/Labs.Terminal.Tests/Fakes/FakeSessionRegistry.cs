using System.Collections.Concurrent;
using Labs.Sessions;

namespace Labs.Terminal.Tests.Fakes;

public sealed class FakeSessionRegistry : ISessionRegistry
{
    /// <summary>The learner who owns the sessions <see cref="Add"/> makes unless told otherwise.</summary>
    public const string Owner = "learner-1";

    private readonly ConcurrentDictionary<string, LabSession> _sessions = new();

    public event Action<LabSession>? SessionEnded;

    public LabSession Add(string id = "s-1", string ns = "lab-abc123", string owner = Owner)
    {
        var session = new LabSession(id, "intro", ns, "toolbox-" + id, ["/bin/bash", "-l"], DateTimeOffset.UnixEpoch, "labs-toolbox", owner);
        _sessions[id] = session;
        return session;
    }

    /// <summary>Ends the session as the session manager would: removed first, then the subscribers are told.</summary>
    public void Remove(string id)
    {
        if (_sessions.TryRemove(id, out var session))
        {
            SessionEnded?.Invoke(session);
        }
    }

    public LabSession? Find(string sessionId) => _sessions.GetValueOrDefault(sessionId);
}
