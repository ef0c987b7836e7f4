namespace Labs.Sessions;

/// <summary>The sessions being reset or extended: one change at a time per session, the next one is told to wait.</summary>
internal sealed class SessionChanges
{
    private readonly HashSet<string> _changing = new(StringComparer.Ordinal);

    /// <summary>Holds the session until the returned lease is disposed.</summary>
    /// <exception cref="SessionBusyException">Another change of it is under way; the message says what to do.</exception>
    public IDisposable Enter(string sessionId, string busyMessage)
    {
        lock (_changing)
        {
            if (!_changing.Add(sessionId))
            {
                throw new SessionBusyException(busyMessage);
            }
        }

        return new Lease(this, sessionId);
    }

    private void Leave(string sessionId)
    {
        lock (_changing)
        {
            _changing.Remove(sessionId);
        }
    }

    private sealed class Lease(SessionChanges changes, string sessionId) : IDisposable
    {
        public void Dispose() => changes.Leave(sessionId);
    }
}
