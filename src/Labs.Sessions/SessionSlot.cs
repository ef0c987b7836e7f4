namespace Labs.Sessions;

/// <summary>
/// One of a learner's session slots, held while their session starts: committed when it has started (the session
/// then holds it until it ends), given back on dispose otherwise.
/// </summary>
internal sealed class SessionSlot(SessionRegistry registry, string ownerId) : IDisposable
{
    private bool _settled;

    /// <summary>Hands the slot to the started session and registers it.</summary>
    public void Commit(LabSession session)
    {
        ObjectDisposedException.ThrowIf(_settled, this);
        _settled = true;
        registry.Add(session);
    }

    /// <summary>Gives the slot back unless it was committed.</summary>
    public void Dispose()
    {
        if (!_settled)
        {
            _settled = true;
            registry.Release(ownerId);
        }
    }
}
