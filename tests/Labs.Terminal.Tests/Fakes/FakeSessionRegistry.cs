using System.Collections.Concurrent;
using Labs.Sessions;

namespace Labs.Terminal.Tests.Fakes;

public sealed class FakeSessionRegistry : ISessionRegistry
{
    private readonly ConcurrentDictionary<string, LabSession> _sessions = new();

    public LabSession Add(string id = "s-1", string ns = "lab-abc123")
    {
        var session = new LabSession(id, "intro", ns, "toolbox-" + id, ["/bin/bash", "-l"], DateTimeOffset.UnixEpoch, "labs-toolbox");
        _sessions[id] = session;
        return session;
    }

    public void Remove(string id) => _sessions.TryRemove(id, out _);

    public LabSession? Find(string sessionId) => _sessions.GetValueOrDefault(sessionId);
}
