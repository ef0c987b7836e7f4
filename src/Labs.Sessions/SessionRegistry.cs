namespace Labs.Sessions;

/// <summary>
/// The running sessions of this platform instance, in memory, with the per-learner count that caps how many one
/// learner may have at once. Starts in progress hold a <see cref="SessionSlot"/>, so two concurrent starts by one
/// learner cannot both slip under the cap.
/// </summary>
public sealed class SessionRegistry : ISessionRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LabSession> _sessions = new(StringComparer.Ordinal);

    // Live sessions plus starts in progress, per owner; an owner with none has no entry, so the map follows the learners.
    private readonly Dictionary<string, int> _held = new(StringComparer.Ordinal);
    private readonly ISessionOverseers _overseers;

    /// <summary>A registry whose sessions only their owners see.</summary>
    public SessionRegistry()
        : this(new NoSessionOverseers())
    {
    }

    /// <summary>A registry whose sessions their owners and <paramref name="overseers"/> see.</summary>
    public SessionRegistry(ISessionOverseers overseers)
    {
        ArgumentNullException.ThrowIfNull(overseers);
        _overseers = overseers;
    }

    /// <inheritdoc />
    public event Action<LabSession>? SessionEnded;

    /// <inheritdoc />
    public LabSession? Find(string sessionId)
    {
        lock (_gate)
        {
            return _sessions.GetValueOrDefault(sessionId);
        }
    }

    /// <inheritdoc />
    public LabSession? FindVisible(string sessionId, string? viewerId) =>
        Find(sessionId) is { } session && (session.IsOwnedBy(viewerId) || (!string.IsNullOrEmpty(viewerId) && _overseers.SeesEveryone(viewerId))) ? session : null;

    /// <summary>All running sessions.</summary>
    public IReadOnlyCollection<LabSession> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _sessions.Values];
            }
        }
    }

    /// <summary>The running sessions of one learner, oldest first.</summary>
    public IReadOnlyList<LabSession> OwnedBy(string ownerId)
    {
        lock (_gate)
        {
            return [.. _sessions.Values.Where(s => s.IsOwnedBy(ownerId)).OrderBy(s => s.CreatedAt)];
        }
    }

    /// <summary>The live session of <paramref name="ownerId"/> for <paramref name="labId"/>, if any (there is at most one).</summary>
    public LabSession? FindLive(string ownerId, string labId)
    {
        lock (_gate)
        {
            return _sessions.Values.FirstOrDefault(s => s.IsOwnedBy(ownerId) && string.Equals(s.LabId, labId, StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Holds one of <paramref name="ownerId"/>'s at most <paramref name="limit"/> sessions for a start in progress;
    /// null when they already have that many (running or starting).
    /// </summary>
    internal SessionSlot? TryReserve(string ownerId, int limit)
    {
        lock (_gate)
        {
            var held = _held.GetValueOrDefault(ownerId);
            if (held >= limit)
            {
                return null;
            }

            _held[ownerId] = held + 1;
            return new SessionSlot(this, ownerId);
        }
    }

    /// <summary>Registers a started session in the slot its start held.</summary>
    internal void Add(LabSession session)
    {
        lock (_gate)
        {
            _sessions[session.Id] = session;
        }
    }

    /// <summary>Takes back a session that outlived a restart, holding its owner's slot as a start would have.</summary>
    internal void Restore(LabSession session)
    {
        lock (_gate)
        {
            if (_sessions.TryAdd(session.Id, session))
            {
                _held[session.OwnerId] = _held.GetValueOrDefault(session.OwnerId) + 1;
            }
        }
    }

    /// <summary>Replaces a running session's description (after a reset or an extension); false when it no longer runs.</summary>
    internal bool Replace(LabSession session)
    {
        lock (_gate)
        {
            if (!_sessions.ContainsKey(session.Id))
            {
                return false;
            }

            _sessions[session.Id] = session;
            return true;
        }
    }

    internal bool Remove(string sessionId)
    {
        LabSession? removed;
        lock (_gate)
        {
            if (!_sessions.Remove(sessionId, out removed))
            {
                return false;
            }

            Release(removed.OwnerId);
        }

        SessionEnded?.Invoke(removed);
        return true;
    }

    /// <summary>Gives back a slot whose start failed.</summary>
    internal void Release(string ownerId)
    {
        lock (_gate)
        {
            var held = _held.GetValueOrDefault(ownerId) - 1;
            if (held > 0)
            {
                _held[ownerId] = held;
            }
            else
            {
                _held.Remove(ownerId);
            }
        }
    }

    /// <summary>
    /// Hands every running session of <paramref name="fromOwner"/> to <paramref name="intoOwner"/> with the slots they
    /// hold, and returns them as they now are.
    /// </summary>
    internal IReadOnlyList<LabSession> Reassign(string fromOwner, string intoOwner)
    {
        lock (_gate)
        {
            var moved = _sessions.Values.Where(s => s.IsOwnedBy(fromOwner)).Select(s => s with { OwnerId = intoOwner }).ToList();
            foreach (var session in moved)
            {
                _sessions[session.Id] = session;
            }

            // Only the moved sessions' slots: a start still in progress keeps its own until it commits or fails.
            if (moved.Count > 0)
            {
                var left = _held.GetValueOrDefault(fromOwner) - moved.Count;
                if (left > 0)
                {
                    _held[fromOwner] = left;
                }
                else
                {
                    _held.Remove(fromOwner);
                }

                _held[intoOwner] = _held.GetValueOrDefault(intoOwner) + moved.Count;
            }

            return moved;
        }
    }
}
