namespace Labs.Terminal;

/// <summary>
/// A shell's output as a sequence-numbered byte stream (the sequence number of a byte is its offset since the shell
/// started), of which the most recent <see cref="Capacity"/> bytes are kept. Storage grows in blocks as output
/// arrives, so an idle shell holds little. A viewer that has seen everything up to some sequence number resumes from
/// exactly there; one that has seen nothing (or too little) starts from <see cref="SafeStart"/>, a position outside
/// any escape sequence or UTF-8 character. Thread-safe.
/// </summary>
internal sealed class OutputLog
{
    private const int BlockSize = 8 * 1024;

    /// <summary>Safe positions closer together than this are not all remembered: the replay starts at most this much later.</summary>
    private const int CutSpacing = 1024;

    private readonly Lock _gate = new();
    private readonly List<byte[]> _blocks = [];
    private readonly Queue<long> _cuts = new();
    private readonly SafeCutScanner _scanner = new();
    private long _head;
    private long _end;
    private long _lastCut = -1;

    public OutputLog(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, BlockSize);
        Capacity = capacity;
        _cuts.Enqueue(0);
        _lastCut = 0;
    }

    /// <summary>Most bytes kept (the oldest go first, a whole block at a time).</summary>
    public int Capacity { get; }

    /// <summary>Sequence number after the last byte appended.</summary>
    public long End
    {
        get
        {
            lock (_gate)
            {
                return _end;
            }
        }
    }

    /// <summary>The oldest sequence number still kept: a viewer that has seen up to here or later can resume.</summary>
    public long Head
    {
        get
        {
            lock (_gate)
            {
                return _head;
            }
        }
    }

    /// <summary>Where a replay for a viewer without the earlier output starts: the oldest kept safe position.</summary>
    public long SafeStart
    {
        get
        {
            lock (_gate)
            {
                return _cuts.Count > 0 ? _cuts.Peek() : _end;
            }
        }
    }

    /// <summary>Bytes held in memory now.</summary>
    public long AllocatedBytes
    {
        get
        {
            lock (_gate)
            {
                return _blocks.Sum(b => (long)b.Length);
            }
        }
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        lock (_gate)
        {
            var safe = _scanner.Feed(data);
            var start = _end;
            while (!data.IsEmpty)
            {
                var offset = (int)(_end % BlockSize);
                if (offset == 0)
                {
                    _blocks.Add(new byte[BlockSize]);
                }

                var take = Math.Min(BlockSize - offset, data.Length);
                data[..take].CopyTo(_blocks[^1].AsSpan(offset));
                data = data[take..];
                _end += take;
            }

            if (safe >= 0 && start + safe - _lastCut >= CutSpacing)
            {
                _lastCut = start + safe;
                _cuts.Enqueue(_lastCut);
            }

            Trim();
        }
    }

    /// <summary>
    /// Copies up to <paramref name="maxBytes"/> bytes from <paramref name="from"/>; false when that part is no longer
    /// kept (before <see cref="Head"/>).
    /// </summary>
    public bool TryRead(long from, int maxBytes, out byte[] data)
    {
        lock (_gate)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(from, _end);
            if (from < _head)
            {
                data = [];
                return false;
            }

            var result = new byte[(int)Math.Min(maxBytes, _end - from)];
            var done = 0;
            while (done < result.Length)
            {
                var position = from + done;
                var block = _blocks[(int)((position - _head) / BlockSize)];
                var offset = (int)(position % BlockSize);
                var take = Math.Min(BlockSize - offset, result.Length - done);
                block.AsSpan(offset, take).CopyTo(result.AsSpan(done));
                done += take;
            }

            data = result;
            return true;
        }
    }

    private void Trim()
    {
        // Whole blocks only, so the head stays block-aligned and reads index blocks arithmetically.
        while (_end - _head - BlockSize >= Capacity)
        {
            _blocks.RemoveAt(0);
            _head += BlockSize;
        }

        while (_cuts.Count > 0 && _cuts.Peek() < _head)
        {
            _cuts.Dequeue();
        }
    }
}
