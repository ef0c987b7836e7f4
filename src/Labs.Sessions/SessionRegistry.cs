using System.Collections.Concurrent;

namespace Labs.Sessions;

/// <summary>The running sessions of this platform instance, in memory.</summary>
public sealed class SessionRegistry : ISessionRegistry
{
    private readonly ConcurrentDictionary<string, LabSession> _sessions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public LabSession? Find(string sessionId) =>
        _sessions.TryGetValue(sessionId, out var session) ? session : null;

    /// <summary>All running sessions.</summary>
    public IReadOnlyCollection<LabSession> All => [.. _sessions.Values];

    internal void Add(LabSession session) => _sessions[session.Id] = session;

    internal bool Remove(string sessionId) => _sessions.TryRemove(sessionId, out _);
}
