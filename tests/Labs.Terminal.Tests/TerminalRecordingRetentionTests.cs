using Labs.Terminal.Tests.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Terminal.Tests;

public sealed class TerminalRecordingRetentionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("labs-recordings-").FullName;
    private readonly ManualTime _time = new();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string session, string name, TimeSpan age)
    {
        var path = Path.Combine(_root, session, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{\"version\": 2}\n");
        File.SetLastWriteTimeUtc(path, (_time.GetUtcNow() - age).UtcDateTime);
        return path;
    }

    [Fact]
    public void Recordings_past_the_retention_go_with_their_emptied_session_folder_and_nothing_else_is_touched()
    {
        var oldOnly = Write("s-old", "main-0123456789abcdef.cast", TimeSpan.FromDays(31));
        var oldOfMixed = Write("s-mixed", "main-0123456789abcdef.cast", TimeSpan.FromDays(40));
        var recent = Write("s-mixed", "tab2-fedcba9876543210.cast", TimeSpan.FromDays(2));
        var notes = Write("s-notes", "notes.txt", TimeSpan.FromDays(400));
        var oddName = Write("s-odd", "main.cast", TimeSpan.FromDays(400));
        var unsafeFolder = Write("not safe", "main-0123456789abcdef.cast", TimeSpan.FromDays(400));
        var sweeper = new TerminalRecordingSweeper(new TerminalRecordings(_root), Options.Create(new TerminalOptions()), _time,
            NullLogger<TerminalRecordingSweeper>.Instance);

        Assert.Equal(2, sweeper.SweepOnce());

        Assert.False(File.Exists(oldOnly));
        Assert.False(Directory.Exists(Path.Combine(_root, "s-old")));
        Assert.False(File.Exists(oldOfMixed));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(notes));
        Assert.True(File.Exists(oddName));
        Assert.True(File.Exists(unsafeFolder));

        _time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(1, sweeper.SweepOnce());
        Assert.False(Directory.Exists(Path.Combine(_root, "s-mixed")));
        Assert.Equal(0, sweeper.SweepOnce());
    }

    [Fact]
    public void A_shorter_retention_is_honoured_and_without_a_directory_nothing_happens()
    {
        var recording = Write("s1", "main-0123456789abcdef.cast", TimeSpan.FromHours(3));
        var options = Options.Create(new TerminalOptions { RecordingRetention = TimeSpan.FromHours(2) });

        Assert.Equal(0, new TerminalRecordingSweeper(new TerminalRecordings(null), options, _time, NullLogger<TerminalRecordingSweeper>.Instance).SweepOnce());
        Assert.Equal(0, new TerminalRecordings(Path.Combine(_root, "missing")).DeleteOlderThan(_time.GetUtcNow()));
        Assert.Equal(1, new TerminalRecordingSweeper(new TerminalRecordings(_root), options, _time, NullLogger<TerminalRecordingSweeper>.Instance).SweepOnce());
        Assert.False(File.Exists(recording));
    }
}
