using System.Text;

namespace Labs.Terminal.Tests;

public sealed class ReplayBufferTests
{
    [Fact]
    public void Keeps_everything_while_under_capacity()
    {
        var buffer = new ReplayBuffer(16);

        buffer.Append("abc"u8);
        buffer.Append("def"u8);

        Assert.Equal("abcdef", Encoding.ASCII.GetString(buffer.Snapshot()));
    }

    [Fact]
    public void Keeps_only_the_most_recent_bytes_when_it_wraps()
    {
        var buffer = new ReplayBuffer(8);

        buffer.Append("0123456"u8);
        buffer.Append("789ab"u8);

        Assert.Equal("456789ab", Encoding.ASCII.GetString(buffer.Snapshot()));
    }

    [Fact]
    public void A_chunk_larger_than_the_capacity_keeps_its_tail()
    {
        var buffer = new ReplayBuffer(4);
        buffer.Append("xy"u8);

        buffer.Append("0123456789"u8);

        Assert.Equal("6789", Encoding.ASCII.GetString(buffer.Snapshot()));
    }

    [Fact]
    public void Is_empty_at_first()
    {
        Assert.Empty(new ReplayBuffer(4).Snapshot());
    }
}
