namespace Labs.Terminal;

/// <summary>Waiting for the shell to print something (its prompt), and the shells started ahead for a pooled environment.</summary>
internal sealed partial class TerminalShell
{
    private readonly Signal _appended = new();
    private int _awaitingHandover;

    /// <summary>Started for a pooled environment that nobody owns yet: nobody can watch it, so it is not idle.</summary>
    public bool AwaitingHandover => Volatile.Read(ref _awaitingHandover) != 0;

    /// <summary>Marks the shell as started ahead, for an environment still in the pool.</summary>
    public void AwaitHandover() => Volatile.Write(ref _awaitingHandover, 1);

    /// <summary>The environment has an owner now: the shell's idle time counts from <paramref name="now"/>.</summary>
    public void HandedOver(DateTimeOffset now)
    {
        lock (_gate)
        {
            _idleSince = now;
        }

        Volatile.Write(ref _awaitingHandover, 0);
    }

    /// <summary>Waits until the output holds <paramref name="mark"/> (true), or the shell has ended without it (false).</summary>
    public async Task<bool> WaitForOutputAsync(ReadOnlyMemory<byte> mark, CancellationToken cancellationToken)
    {
        var cursor = 0L;
        // The end of what was searched, so that a mark split between two appends is still found.
        var carry = Array.Empty<byte>();
        while (true)
        {
            var changed = _appended.Next;
            // Ended is read before the log: the pump appends everything before it marks the shell ended.
            var ended = HasEnded;
            cursor = Math.Max(cursor, Log.Head);
            if (Log.TryRead(cursor, TerminalLimits.MaxOutputMessageBytes, out var data) && data.Length > 0)
            {
                byte[] window = [.. carry, .. data];
                if (window.AsSpan().IndexOf(mark.Span) >= 0)
                {
                    return true;
                }

                carry = window[Math.Max(0, window.Length - mark.Length + 1)..];
                cursor += data.Length;
                continue;
            }

            if (ended)
            {
                return false;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }
}
