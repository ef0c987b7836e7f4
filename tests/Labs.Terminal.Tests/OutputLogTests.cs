using System.Text;

namespace Labs.Terminal.Tests;

public sealed class OutputLogTests
{
    [Fact]
    public void Bytes_are_numbered_from_the_start_and_read_back_from_any_kept_position()
    {
        var log = new OutputLog(64 * 1024);

        log.Append("hello "u8);
        log.Append("world"u8);

        Assert.Equal(11, log.End);
        Assert.True(log.TryRead(6, 100, out var tail));
        Assert.Equal("world", Encoding.ASCII.GetString(tail));
        Assert.True(log.TryRead(11, 100, out var nothing));
        Assert.Empty(nothing);
    }

    [Fact]
    public void Reads_stop_at_the_size_asked_for_and_cross_block_boundaries()
    {
        var log = new OutputLog(64 * 1024);
        var data = Enumerable.Range(0, 20_000).Select(i => (byte)(i % 251)).ToArray();
        log.Append(data);

        Assert.True(log.TryRead(8000, 5000, out var part));

        Assert.Equal(data.AsSpan(8000, 5000).ToArray(), part);
    }

    [Fact]
    public void Old_output_is_dropped_beyond_the_capacity_and_cannot_be_resumed_from()
    {
        var log = new OutputLog(64 * 1024);
        for (var i = 0; i < 100; i++)
        {
            log.Append(new byte[4096]);
        }

        Assert.InRange(log.End - log.Head, 64 * 1024, (64 + 8) * 1024);
        Assert.False(log.TryRead(0, 10, out _));
        Assert.True(log.TryRead(log.Head, 10, out _));
        Assert.InRange(log.AllocatedBytes, 64 * 1024, (64 + 8) * 1024);
    }

    [Fact]
    public void An_idle_log_holds_one_small_block()
    {
        var log = new OutputLog(256 * 1024);

        log.Append("learner@lab:~$ "u8);

        Assert.Equal(8 * 1024, log.AllocatedBytes);
    }

    [Theory]
    [InlineData("\u001b[1;32mgreen\u001b[0m ", new[] { 0, 7, 8, 9, 10, 11, 12, 16 })]
    [InlineData("\u001b]0;window title\u0007 ", new[] { 0, 17 })]
    [InlineData("\u001b]133;A\u001b\\prompt ", new[] { 0, 9, 10, 11, 12, 13, 14, 15 })]
    [InlineData("\u001bP1$r0m\u001b\\ ", new[] { 0, 9 })]
    [InlineData("é€😀 ", new[] { 0, 2, 5, 9 })]
    public void A_replay_after_trimming_never_starts_inside_an_escape_sequence_or_a_character(string unit, int[] safeOffsets)
    {
        var log = new OutputLog(64 * 1024);
        var bytes = Encoding.UTF8.GetBytes(unit);
        var stream = new List<byte>();
        // Chunks of an awkward size, so chunk boundaries fall inside sequences and characters.
        for (var i = 0; i < 20_000; i++)
        {
            stream.AddRange(bytes);
        }

        var all = stream.ToArray();
        for (var offset = 0; offset < all.Length; offset += 1237)
        {
            log.Append(all.AsSpan(offset, Math.Min(1237, all.Length - offset)));
        }

        var start = log.SafeStart;
        Assert.True(start >= log.Head);
        Assert.Contains((int)(start % bytes.Length), safeOffsets);
    }

    [Fact]
    public void Output_that_never_leaves_an_escape_string_has_no_safe_start_past_the_trim()
    {
        var log = new OutputLog(64 * 1024);
        log.Append("\u001b]0;"u8);
        for (var i = 0; i < 40; i++)
        {
            log.Append(new byte[4096]);
        }

        Assert.Equal(log.End, log.SafeStart);
    }

    [Fact]
    public void A_cancel_byte_ends_a_sequence_so_what_follows_is_safe()
    {
        var scanner = new SafeCutScanner();

        Assert.Equal(0, scanner.Feed("\u001b[12"u8));
        Assert.Equal(-1, scanner.Feed("3"u8));
        Assert.Equal(2, scanner.Feed("\u0018x"u8));
    }

    [Fact]
    public void A_split_utf8_character_is_safe_only_after_its_last_byte()
    {
        var scanner = new SafeCutScanner();
        var euro = Encoding.UTF8.GetBytes("a€");

        Assert.Equal(1, scanner.Feed(euro.AsSpan(0, 2)));
        Assert.Equal(-1, scanner.Feed(euro.AsSpan(2, 1)));
        Assert.Equal(1, scanner.Feed(euro.AsSpan(3, 1)));
    }
}
