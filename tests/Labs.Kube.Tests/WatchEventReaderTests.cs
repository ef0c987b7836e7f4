using System.Text;

namespace Labs.Kube.Tests;

public sealed class WatchEventReaderTests
{
    [Fact]
    public async Task Lines_split_across_tiny_chunks_become_whole_events()
    {
        const string body = "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\",\"resourceVersion\":\"1\"}}}\n\n"
            + "{\"type\":\"MODIFIED\",\"object\":{\"metadata\":{\"name\":\"é\"}}}\n"
            + "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410}}";
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes(body), chunk: 3);

        var events = new List<WatchEvent>();
        await foreach (var e in WatchEventReader.ReadAsync(stream, "test", TestContext.Current.CancellationToken))
        {
            events.Add(e);
        }

        Assert.Equal(["ADDED", "MODIFIED", "ERROR"], events.Select(e => e.Type));
        Assert.Equal("a", events[0].Object["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("é", events[1].Object["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(410, events[2].Object["code"]!.GetValue<int>());
    }

    [Fact]
    public void A_line_that_is_not_an_event_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => WatchEventReader.Parse("{\"kind\":\"PodList\"}", "GET /api/v1/pods"));

        Assert.Contains("not a watch event", e.Message, StringComparison.Ordinal);
        Assert.Contains("GET /api/v1/pods", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_that_is_not_json_is_a_clear_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => WatchEventReader.Parse("<html>", "w"));

        Assert.Contains("not JSON", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Returns at most <c>chunk</c> bytes per read, like a chunked HTTP body arriving slowly.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), cancellationToken);
    }
}
