using System.Text;

namespace Labs.Kube.Tests;

public sealed class ExecFramesTests
{
    [Fact]
    public void Frames_start_with_the_channel_byte()
    {
        Assert.Equal(new byte[] { 0, (byte)'l', (byte)'s' }, ExecFrames.Encode(ExecFrames.Stdin, "ls"u8));
    }

    [Fact]
    public void Large_stdin_is_split_into_frames_of_at_most_32_KiB()
    {
        var data = new byte[100_000];
        new Random(1).NextBytes(data);

        var frames = ExecFrames.EncodeStdin(data).ToList();

        Assert.All(frames, f => Assert.True(f.Length <= 32 * 1024));
        Assert.All(frames, f => Assert.Equal(0, f[0]));
        Assert.Equal(data, frames.SelectMany(f => f.Skip(1)).ToArray());
    }

    [Fact]
    public void Resize_is_json_width_and_height_on_channel_4()
    {
        var frame = ExecFrames.EncodeResize(120, 40);

        Assert.Equal(4, frame[0]);
        Assert.Equal("{\"Width\":120,\"Height\":40}", Encoding.UTF8.GetString(frame, 1, frame.Length - 1));
    }

    [Fact]
    public void Close_stdin_is_255_then_0()
    {
        Assert.Equal(new byte[] { 255, 0 }, ExecFrames.EncodeCloseStdin());
    }

    [Fact]
    public void Success_status_is_exit_code_0()
    {
        Assert.Equal(0, ExecFrames.ParseStatus("""{"metadata":{},"status":"Success"}"""u8, "pod ns/p"));
    }

    [Fact]
    public void Non_zero_exit_code_status_gives_the_code()
    {
        var status = """{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: exit status 3","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"""u8;

        Assert.Equal(3, ExecFrames.ParseStatus(status, "pod ns/p"));
    }

    [Fact]
    public void Other_failures_become_api_exceptions_with_the_message()
    {
        var status = """{"status":"Failure","message":"container not found (\"c\")","reason":"InternalError","code":500}"""u8.ToArray();

        var e = Assert.Throws<KubeApiException>(() => ExecFrames.ParseStatus(status, "pod ns/p"));

        Assert.Equal("InternalError", e.Reason);
        Assert.Contains("container not found", e.Message, StringComparison.Ordinal);
    }
}
