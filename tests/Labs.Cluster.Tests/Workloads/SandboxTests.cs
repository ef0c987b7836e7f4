using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Workloads.Isolation;
using Labs.Cluster.Workloads.Exec;

namespace Labs.Cluster.Workloads;

public sealed class SandboxTests : IDisposable
{
    private readonly SandboxHarness _harness = new();
    private readonly JsonObject _pod = SandboxHarness.Pod();

    public void Dispose() => _harness.Dispose();

    private ISandboxProcess Start(bool tty, IReadOnlyList<SandboxMount>? mounts, params string[] command) =>
        _harness.Start(_harness.Spec(_pod, tty, mounts, command));

    private static Task<(string Output, int ExitCode)> RunAsync(ISandboxProcess process) => SandboxHarness.CollectAsync(process);

    [Fact]
    public async Task A_command_on_a_terminal_prints_its_output_and_reports_its_exit_code()
    {
        var (output, code) = await RunAsync(Start(true, null, "bash", "-c", "echo hi; test -t 0 && test -t 1 && echo ON-A-TTY; exit 3"));

        Assert.Contains("hi", output, StringComparison.Ordinal);
        Assert.Contains("ON-A-TTY", output, StringComparison.Ordinal);
        Assert.Equal(3, code);
    }

    [Fact]
    public async Task A_command_without_a_terminal_separates_stdout_and_stderr_and_reads_stdin()
    {
        var process = Start(false, null, "bash", "-c", "read line; echo out:$line; echo err >&2; exit 4");
        process.WriteInput("hello\n"u8.ToArray());
        process.CloseInput();
        var channels = new List<(int, string)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var (channel, data) in process.ReadOutputAsync(timeout.Token))
        {
            channels.Add((channel, Encoding.UTF8.GetString(data)));
        }

        Assert.Equal(4, await process.WaitForExitAsync());
        await process.DisposeAsync();
        Assert.Contains((1, "out:hello\n"), channels);
        Assert.Contains((2, "err\n"), channels);
    }

    [Fact]
    public async Task The_sandbox_cannot_see_the_data_directory_or_the_repository()
    {
        var marker = Path.Combine(_harness.DataDirectory, "marker.txt");
        await File.WriteAllTextAsync(marker, "secret", TestContext.Current.CancellationToken);
        var repository = Path.Combine(AppContext.BaseDirectory);

        var (output, code) = await RunAsync(Start(false, null, "bash", "-c",
            $"test -e '{marker}' && echo SEEN-MARKER; test -e '{repository}' && echo SEEN-REPO; hostname; echo done"));

        Assert.Equal(0, code);
        Assert.DoesNotContain("SEEN-", output, StringComparison.Ordinal);
        Assert.Contains("pod-a", output, StringComparison.Ordinal);
        Assert.Contains("done", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_platforms_tools_are_on_the_path_read_only_and_nothing_else_of_their_folder_shows()
    {
        var tools = Directory.CreateTempSubdirectory("labs-tools-").FullName;
        try
        {
            File.SetUnixFileMode(tools, (UnixFileMode)0b111_101_101);
            var tool = Path.Combine(tools, "labs-hello");
            await File.WriteAllTextAsync(tool, "#!/bin/sh\necho hello from $0\n", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(tool, (UnixFileMode)0b111_101_101);
            using var harness = new SandboxHarness(o => o.ToolsDirectory = tools);

            var (output, code) = await harness.RunAsync(SandboxHarness.Pod(), "bash", "-c",
                $"labs-hello; touch {Sandbox.ToolsDirectory}/x 2>/dev/null && echo WROTE; test -e '{tools}' && echo SEEN-HOST-PATH; exit 0");

            Assert.Equal(0, code);
            Assert.Contains($"hello from {Sandbox.ToolsDirectory}/labs-hello", output, StringComparison.Ordinal);
            Assert.DoesNotContain("WROTE", output, StringComparison.Ordinal);
            Assert.DoesNotContain("SEEN-HOST-PATH", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(tools, recursive: true);
        }
    }

    [Fact]
    public async Task The_command_runs_as_the_learner_who_owns_their_home()
    {
        var (output, code) = await RunAsync(Start(false, null, "bash", "-c", "id -un; id -u; touch ~/mine && stat -c %U ~/mine"));

        Assert.Equal(0, code);
        Assert.Equal("learner\n1000\nlearner\n", output);
    }

    [Fact]
    public async Task Resizing_the_terminal_changes_what_stty_size_reports()
    {
        var process = Start(true, null, "bash", "-c", "stty size; read go; stty size");
        var output = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var resized = false;

        // Resize only once the first size is printed: before that, the shell may not have asked yet.
        await foreach (var (_, data) in process.ReadOutputAsync(timeout.Token))
        {
            output.Append(Encoding.UTF8.GetString(data));
            if (!resized && output.ToString().Contains("24 80", StringComparison.Ordinal))
            {
                resized = true;
                process.Resize(100, 40);
                process.WriteInput("go\n"u8.ToArray());
            }
        }

        var code = await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        await process.DisposeAsync();
        Assert.Equal(0, code);
        Assert.Contains("24 80", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("40 100", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_volume_is_visible_read_only_at_its_mount_path_and_home_persists_between_sessions()
    {
        var volume = Directory.CreateDirectory(Path.Combine(_harness.DataDirectory, "pods", "uid-1", "volumes", "config")).FullName;
        await File.WriteAllTextAsync(Path.Combine(volume, "app.conf"), "color=blue", TestContext.Current.CancellationToken);
        var mounts = new[] { new SandboxMount(SubPaths.Open(volume, "", null), "/etc/app", ReadOnly: true) };

        var (output, code) = await RunAsync(Start(false, mounts, "bash", "-c",
            "cat /etc/app/app.conf; echo; touch /etc/app/x 2>/dev/null || echo READONLY; echo kept > ~/notes.txt"));
        var (second, _) = await RunAsync(Start(false, null, "cat", "/home/learner/notes.txt"));

        Assert.Equal(0, code);
        Assert.Contains("color=blue", output, StringComparison.Ordinal);
        Assert.Contains("READONLY", output, StringComparison.Ordinal);
        Assert.Equal("kept\n", second);
    }

    [Fact]
    public async Task Large_output_arrives_complete_and_a_flooding_command_can_still_be_stopped()
    {
        var counted = 0L;
        var process = Start(false, null, "head", "-c", "20000000", "/dev/zero");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var (_, data) in process.ReadOutputAsync(timeout.Token))
        {
            counted += data.Length;
        }

        Assert.Equal(0, await process.WaitForExitAsync());
        await process.DisposeAsync();
        Assert.Equal(20_000_000, counted);

        foreach (var tty in new[] { true, false })
        {
            var flood = Start(tty, null, "cat", "/dev/zero");
            await using (var chunks = flood.ReadOutputAsync(timeout.Token).GetAsyncEnumerator(timeout.Token))
            {
                Assert.True(await chunks.MoveNextAsync());
            }

            // Nobody reads any more: disposing must still kill and return.
            await flood.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
    }
}
