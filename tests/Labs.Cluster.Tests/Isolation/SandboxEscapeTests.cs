using System.Net;
using System.Net.Sockets;
using Labs.Cluster.Workloads.Exec;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// What a learner tries from their own shell to get out of the sandbox, each as a test that the attempt fails. Nothing
/// here sends a packet anywhere but the sandbox's own loopback; the network is judged from interfaces and routes.
/// </summary>
public sealed class SandboxEscapeTests : IDisposable
{
    private readonly SandboxHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private Task<(string Output, int ExitCode)> RunAsync(string script) => _harness.RunAsync(SandboxHarness.Pod(), "bash", "-c", script);

    [Fact]
    public async Task The_learner_is_uid_1000_inside_and_an_unprivileged_host_uid_outside()
    {
        var (output, code) = await RunAsync("id -u; touch ~/mine; cat /proc/self/uid_map");
        var owner = FileCalls.OwnerOf(Path.Combine(_harness.Sandboxes.Prepare(SandboxHarness.Pod()).Home, "mine"));

        Assert.Equal(0, code);
        Assert.StartsWith("1000\n", output, StringComparison.Ordinal);
        Assert.NotNull(owner);
        Assert.NotEqual(0, owner);
        if (FileCalls.geteuid() == 0)
        {
            Assert.Equal(_harness.Sandboxes.HostUid("uid-1"), owner);
            Assert.InRange(owner!.Value, _harness.Options.SandboxFirstUid, _harness.Options.SandboxFirstUid + _harness.Options.SandboxUidCount - 1);
        }

        // The only uid mapped into the sandbox is the learner's own: there is no root inside to become.
        Assert.Matches(@"^\s*1000\s+\d+\s+1\s*$", output.Split('\n')[1]);
    }

    [Fact]
    public async Task Secrets_of_the_host_are_unreadable()
    {
        var (output, _) = await RunAsync("cat /etc/shadow >/dev/null 2>&1 && echo READ-SHADOW; ls /root >/dev/null 2>&1 && echo LISTED-ROOT; echo done");

        Assert.DoesNotContain("READ-", output, StringComparison.Ordinal);
        Assert.DoesNotContain("LISTED-", output, StringComparison.Ordinal);
        Assert.Contains("done", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_outside_home_tmp_and_writable_volumes_can_be_written()
    {
        var (output, _) = await RunAsync(
            "for f in /usr/x /etc/x /x /bin/x /proc/sys/kernel/hostname; do (echo > $f) 2>/dev/null && echo WROTE-$f; done; " +
            "touch ~/ok /tmp/ok && echo home-and-tmp-ok");

        Assert.DoesNotContain("WROTE-", output, StringComparison.Ordinal);
        Assert.Contains("home-and-tmp-ok", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_directory_and_other_pods_homes_are_not_there()
    {
        var other = _harness.Sandboxes.Prepare(SandboxHarness.Pod("uid-2", "pod-b"));
        await File.WriteAllTextAsync(Path.Combine(other.Home, "diary"), "private", TestContext.Current.CancellationToken);
        var (output, _) = await RunAsync(
            $"ls '{_harness.DataDirectory}' 2>&1; cat '{Path.Combine(other.Home, "diary")}' 2>&1; find / -name diary 2>/dev/null; echo done");

        Assert.DoesNotContain("private", output, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", output, StringComparison.Ordinal);
        Assert.Contains("done", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nested_user_namespaces_mounts_and_privilege_are_refused()
    {
        var (output, _) = await RunAsync(
            "unshare -Ur true 2>/dev/null && echo NESTED-USERNS; unshare -rm true 2>/dev/null && echo NESTED-MOUNTNS; " +
            "mkdir -p /tmp/m; mount -t tmpfs none /tmp/m 2>/dev/null && echo MOUNTED; " +
            "grep -E '^Cap(Eff|Prm|Bnd):' /proc/self/status; echo done");

        Assert.DoesNotContain("NESTED-", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MOUNTED", output, StringComparison.Ordinal);
        Assert.Contains("CapEff:\t0000000000000000", output, StringComparison.Ordinal);
        Assert.Contains("CapPrm:\t0000000000000000", output, StringComparison.Ordinal);
        Assert.Contains("done", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processes_outside_the_sandbox_cannot_be_seen_signalled_or_traced()
    {
        var self = Environment.ProcessId;
        var (output, _) = await RunAsync(
            $"ls /proc | grep -cE '^[0-9]+$'; kill -0 {self} 2>/dev/null && echo SIGNALLED; " +
            $"test -e /proc/{self}/mem && echo SEES-PLATFORM; head -c 14 /proc/1/cmdline; echo; echo done");

        var lines = output.Split('\n');
        Assert.True(int.Parse(lines[0], System.Globalization.CultureInfo.InvariantCulture) < 10, $"the sandbox sees {lines[0]} processes");
        Assert.DoesNotContain("SIGNALLED", output, StringComparison.Ordinal);
        Assert.DoesNotContain("SEES-PLATFORM", output, StringComparison.Ordinal);
        Assert.Equal("/usr/bin/bwrap", lines[1]);
    }

    [Fact]
    public async Task No_descriptor_of_the_platform_or_of_a_mount_is_left_open_in_the_sandbox()
    {
        var volume = Directory.CreateDirectory(Path.Combine(_harness.DataDirectory, "volume")).FullName;
        var pod = SandboxHarness.Pod();
        var process = _harness.Start(_harness.Spec(pod, false, [new SandboxMount(SubPaths.Open(volume, "", null), "/data", ReadOnly: false)],
            "bash", "-c", "ls /proc/self/fd | sort -n | tr '\\n' ' '; cat /proc/1/cmdline | tr '\\0' ' '"));
        var (output, _) = await SandboxHarness.CollectAsync(process);

        Assert.StartsWith("0 1 2 3 /usr/bin/bwrap", output, StringComparison.Ordinal); // 3 is ls's own directory handle.
        Assert.Contains("bwrap --args 3", output, StringComparison.Ordinal);
        Assert.DoesNotContain(_harness.DataDirectory, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_server_is_the_one_thing_reachable_forwarded_from_its_socket_with_no_descriptor_left_over()
    {
        // Stands in for the API server's Unix socket; the sandbox reaches it at 127.0.0.1:port in its own network.
        var socketPath = Path.Combine(_harness.DataDirectory, "api.sock");
        using var server = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        server.Bind(new UnixDomainSocketEndPoint(socketPath));
        server.Listen();
        File.SetUnixFileMode(socketPath, (UnixFileMode)0x1B6);
        var accepted = server.AcceptAsync(TestContext.Current.CancellationToken).AsTask();
        var pod = SandboxHarness.Pod();
        var spec = _harness.Spec(pod, false, null, "bash", "-c", "ls /proc/self/fd | sort -n | tr '\\n' ' '; echo; exec 9<>/dev/tcp/127.0.0.1/6443; echo hello >&9; read -r reply <&9; echo $reply") with
        {
            Api = new ApiForward(socketPath, 6443),
        };

        var running = SandboxHarness.CollectAsync(_harness.Start(spec));
        using var connection = await accepted.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var buffer = new byte[16];
        var read = await connection.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
        await connection.SendAsync("ok\n"u8.ToArray(), TestContext.Current.CancellationToken);
        var (output, code) = await running;

        Assert.Equal(0, code);
        Assert.Equal("0 1 2 3 \nok\n", output); // 3 is ls's own directory handle.
        Assert.Equal("hello\n", System.Text.Encoding.UTF8.GetString(buffer, 0, read));
    }

    [Fact]
    public async Task The_network_has_only_loopback_no_route_off_the_machine_and_no_host_port()
    {
        // A port of the machine's loopback: the sandbox's loopback is another one, so nothing answers there.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var (output, _) = await RunAsync(
            "awk 'NR>2 {print $1}' /proc/net/dev; echo routes:; awk 'NR>1' /proc/net/route; " +
            $"(echo hi > /dev/tcp/127.0.0.1/{port}) 2>/dev/null && echo REACHED-HOST-PORT; echo done");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("lo:", lines[0]);
        Assert.Equal("routes:", lines[1]);
        Assert.Equal("done", lines[2]);
        Assert.False(listener.Pending());
    }
}
