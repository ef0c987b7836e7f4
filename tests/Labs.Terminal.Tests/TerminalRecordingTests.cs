using System.Text.Json.Nodes;
using Labs.Terminal.Tests.Fakes;
using Labs.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Labs.Terminal.Tests;

/// <summary>Every shell is recorded as asciicast v2 in its session's folder, readable by the session's owner only.</summary>
public sealed class TerminalRecordingTests : IAsyncDisposable
{
    private readonly FakePodExec _kube = new();
    private readonly FakeSessionRegistry _sessions = new();
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("labs-recordings-");
    private readonly TerminalRecordings _recordings;
    private readonly TerminalConnections _connections;

    public TerminalRecordingTests()
    {
        _sessions.Add("s-1");
        _recordings = new TerminalRecordings(_directory.FullName);
        _connections = new TerminalConnections(
            _kube, _sessions, TimeProvider.System, NullLogger<TerminalConnections>.Instance, Options.Create(new TerminalOptions { MaxRecordingBytes = 1024 * 1024 }), _recordings);
    }

    public async ValueTask DisposeAsync()
    {
        await _connections.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task A_shell_is_recorded_with_its_size_output_and_resizes_and_characters_split_across_chunks_arrive_whole()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1", columns: 100, rows: 30);
        await page.OpenedAsync();
        var exec = _kube.LastExec;
        var e = "é"u8.ToArray();
        exec.Print([.. "\u001b[1mcaf"u8, e[0]]);
        exec.Print([e[1], .. "\u001b[0m\r\n"u8]);
        await page.WaitForTextAsync("café");
        await _connections.ResizeAsync(FakeSessionRegistry.Owner, "s-1", "1", 132, 50, TestContext.Current.CancellationToken);
        exec.Exit(0);
        await page.EndedAsync();

        var recording = Assert.Single(_recordings.List("s-1"));
        Assert.Equal("1", recording.Terminal);
        Assert.Equal($"1-{page.First.Shell}.cast", recording.Name);
        var lines = await ReadLinesAsync(recording.Name);
        var header = JsonNode.Parse(lines[0])!;
        Assert.Equal(2, (int)header["version"]!);
        Assert.Equal(100, (int)header["width"]!);
        Assert.Equal(30, (int)header["height"]!);
        var events = lines.Skip(1).Select(l => JsonNode.Parse(l)!.AsArray()).ToList();
        Assert.Equal("\u001b[1mcafé\u001b[0m\r\n", string.Concat(events.Where(ev => (string)ev[1]! == "o").Select(ev => (string)ev[2]!)));
        Assert.Contains(events, ev => (string)ev[1]! == "r" && (string)ev[2]! == "132x50");
        Assert.True(events.Select(ev => (double)ev[0]!).SequenceEqual(events.Select(ev => (double)ev[0]!).Order()));
    }

    [Fact]
    public async Task A_flood_stops_being_recorded_at_the_limit_and_the_recording_says_so()
    {
        await using var page = TerminalWatch.Start(_connections, "conn-1");
        await page.OpenedAsync();
        for (var i = 0; i < 200; i++)
        {
            _kube.LastExec.Print(new string('y', 16 * 1024));
        }

        await page.UntilAsync(() => page.End == 200 * 16 * 1024, "all the output");
        var recording = Assert.Single(_recordings.List("s-1"));

        Assert.InRange(recording.Bytes, 512 * 1024, 1024 * 1024);
        Assert.Contains("The recording stops here", (await ReadLinesAsync(recording.Name))[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("s-1", "../s-2/1-0123456789abcdef.cast")]
    [InlineData("s-1", "1-0123456789abcdef.cast")]
    [InlineData("..", "1-0123456789abcdef.cast")]
    [InlineData("s-1", "notes.txt")]
    public void Names_that_are_not_a_recording_of_the_session_open_nothing(string session, string name) =>
        Assert.Null(_recordings.Open(session, name));

    [Fact]
    public void Without_a_directory_nothing_is_recorded()
    {
        var off = new TerminalRecordings(null);

        Assert.False(off.Enabled);
        Assert.Empty(off.List("s-1"));
    }

    private async Task<string[]> ReadLinesAsync(string name)
    {
        await using var file = _recordings.Open("s-1", name)!;
        using var reader = new StreamReader(file);
        return (await reader.ReadToEndAsync(TestContext.Current.CancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
