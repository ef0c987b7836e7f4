namespace Labs.Terminal;

/// <summary>One browser connection watching a shell: how far it has been sent and has acknowledged output, and its input.</summary>
internal sealed class TerminalViewer
{
    private long _acked;
    private long _inputDone;
    private long _sent;

    public TerminalViewer(string connectionId, long start)
    {
        ConnectionId = connectionId;
        _acked = start;
        _sent = start;
    }

    public string ConnectionId { get; }

    /// <summary>Pulsed when the shell has new output, has ended, or this viewer's input moved on.</summary>
    public Signal Changed { get; } = new();

    /// <summary>Output the browser has written to its screen; the shell is not read further than a window past it.</summary>
    public long Acked => Interlocked.Read(ref _acked);

    /// <summary>Input characters from this viewer written to the shell.</summary>
    public long InputDone => Interlocked.Read(ref _inputDone);

    /// <summary>Sequence number after the last byte sent to the browser.</summary>
    public long Sent
    {
        get => Interlocked.Read(ref _sent);
        set => Interlocked.Exchange(ref _sent, value);
    }

    /// <summary>Moves the acknowledgement forward (never back, never past what was sent); false when it did not move.</summary>
    public bool Acknowledge(long seq)
    {
        var target = Math.Min(seq, Sent);
        long current;
        while ((current = Interlocked.Read(ref _acked)) < target)
        {
            if (Interlocked.CompareExchange(ref _acked, target, current) == current)
            {
                return true;
            }
        }

        return false;
    }

    public void CountInput(int characters)
    {
        Interlocked.Add(ref _inputDone, characters);
        Changed.Pulse();
    }
}
