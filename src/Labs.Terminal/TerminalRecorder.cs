using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Labs.Terminal;

/// <summary>
/// Writes one shell's output as an asciicast v2 recording (a JSON header line, then one <c>[seconds, "o", text]</c> line
/// per output chunk and <c>[seconds, "r", "COLSxROWS"]</c> per resize), as asciinema's players read it. What the learner
/// types is not recorded apart from its echo, so a password typed at a no-echo prompt stays out. Output is decoded
/// as UTF-8 across chunk boundaries. Not thread-safe: the shell's pump and its resizes call it under the shell's lock.
/// </summary>
internal sealed class TerminalRecorder : IDisposable
{
    private readonly FileStream _file;
    private readonly Decoder _utf8 = new UTF8Encoding(false, false).GetDecoder();
    private readonly long _started;
    private readonly TimeProvider _time;
    private readonly long _limit;
    private char[] _chars = new char[4096];
    private bool _full;

    public TerminalRecorder(string path, int columns, int rows, long limit, TimeProvider time, string title)
    {
        _time = time;
        _limit = limit;
        _started = time.GetTimestamp();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 16 * 1024);
        var header = new Dictionary<string, object>
        {
            ["version"] = 2,
            ["width"] = columns,
            ["height"] = rows,
            ["timestamp"] = time.GetUtcNow().ToUnixTimeSeconds(),
            ["title"] = title,
            ["env"] = new Dictionary<string, string> { ["TERM"] = "xterm-256color", ["SHELL"] = "/bin/bash" },
        };
        WriteLine(JsonSerializer.SerializeToUtf8Bytes(header));
        _file.Flush();
    }

    public string FilePath => _file.Name;

    public void Output(ReadOnlySpan<byte> data)
    {
        if (_full)
        {
            return;
        }

        if (_file.Length + (data.Length * 2) > _limit)
        {
            // A flood (yes, cat of a large file) would fill the disk; the recording says where it stopped.
            _full = true;
            Event("o", $"\r\n[The recording stops here: it reached its limit of {_limit / (1024 * 1024)} MiB.]\r\n");
            return;
        }

        if (_chars.Length < data.Length + 4)
        {
            _chars = new char[data.Length + 4];
        }

        var count = _utf8.GetChars(data, _chars, flush: false);
        if (count > 0)
        {
            Event("o", new string(_chars, 0, count));
        }
    }

    public void Resize(int columns, int rows)
    {
        if (!_full)
        {
            Event("r", string.Create(CultureInfo.InvariantCulture, $"{columns}x{rows}"));
        }
    }


    public void Dispose() => _file.Dispose();

    private void Event(string code, string text)
    {
        var seconds = _time.GetElapsedTime(_started).TotalSeconds;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            json.WriteNumberValue(Math.Round(seconds, 6));
            json.WriteStringValue(code);
            json.WriteStringValue(text);
            json.WriteEndArray();
        }

        WriteLine(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        // Flushed per event: a recording is readable while the shell runs, and a crash loses no more than one chunk.
        _file.Flush();
    }

    private void WriteLine(ReadOnlySpan<byte> json)
    {
        _file.Write(json);
        _file.WriteByte((byte)'\n');
    }
}
