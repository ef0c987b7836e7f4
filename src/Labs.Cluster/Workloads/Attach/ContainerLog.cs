using System.Text;

namespace Labs.Cluster.Workloads.Attach;

/// <summary>
/// What a container wrote, as its log: the last <see cref="Limit"/> bytes, kept in the chunks they arrived in. Safe to
/// append to and read from different threads.
/// </summary>
internal sealed class ContainerLog
{
    /// <summary>How much of a container's output its log keeps.</summary>
    public const int Limit = 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly LinkedList<byte[]> _chunks = new();
    private long _bytes;

    /// <summary>Adds output, dropping the oldest chunks past the limit.</summary>
    public void Append(byte[] data)
    {
        lock (_lock)
        {
            _chunks.AddLast(data);
            _bytes += data.Length;
            while (_bytes > Limit && _chunks.First is { } oldest)
            {
                _bytes -= oldest.Value.Length;
                _chunks.RemoveFirst();
            }
        }
    }

    /// <summary>Adds one line (a newline is added).</summary>
    public void AppendLine(string line) => Append(Encoding.UTF8.GetBytes(line + "\n"));

    /// <summary>The log so far.</summary>
    public byte[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _chunks.SelectMany(b => b)];
        }
    }
}
