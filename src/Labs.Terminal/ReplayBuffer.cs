namespace Labs.Terminal;

/// <summary>
/// The most recent output bytes of one session (a ring of fixed capacity), replayed when a browser re-attaches.
/// Thread-safe.
/// </summary>
internal sealed class ReplayBuffer
{
    private readonly byte[] _ring;
    private readonly Lock _gate = new();
    private int _start;
    private int _count;

    public ReplayBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _ring = new byte[capacity];
    }

    public int Capacity => _ring.Length;

    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            if (data.Length >= _ring.Length)
            {
                data[^_ring.Length..].CopyTo(_ring);
                _start = 0;
                _count = _ring.Length;
                return;
            }

            var end = (_start + _count) % _ring.Length;
            var first = Math.Min(data.Length, _ring.Length - end);
            data[..first].CopyTo(_ring.AsSpan(end));
            data[first..].CopyTo(_ring);

            var overflow = Math.Max(0, _count + data.Length - _ring.Length);
            _start = (_start + overflow) % _ring.Length;
            _count = Math.Min(_ring.Length, _count + data.Length);
        }
    }

    public byte[] Snapshot()
    {
        lock (_gate)
        {
            var copy = new byte[_count];
            var first = Math.Min(_count, _ring.Length - _start);
            _ring.AsSpan(_start, first).CopyTo(copy);
            _ring.AsSpan(0, _count - first).CopyTo(copy.AsSpan(first));
            return copy;
        }
    }
}
