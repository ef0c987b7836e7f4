using System.Net;
using System.Net.Sockets;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// The cluster network's namespaces: never the host's, and what listens in one is reached from inside it only.
/// Only loopback connections are made.
/// </summary>
public sealed class NetworkNamespaceTests
{
    [Fact]
    public async Task A_listener_in_a_namespace_answers_there_and_not_on_the_hosts_loopback()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "only root makes network namespaces");
        var ct = TestContext.Current.CancellationToken;
        using var space = NetworkNamespace.Create();
        Assert.NotEqual(new FileInfo("/proc/self/ns/net").LinkTarget, new FileInfo(space.Path).LinkTarget);
        NamespaceCommands.Ip(space, ["link set lo up"]);

        using var listener = space.Listen(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        var accepted = listener.AcceptAsync(ct);
        using (var inside = await space.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct))
        {
            Assert.NotNull(inside);
            using var server = await accepted;
            await inside!.SendAsync("ping"u8.ToArray(), ct);
            var buffer = new byte[4];
            Assert.Equal(4, await server.ReceiveAsync(buffer, ct));
            Assert.Equal("ping"u8.ToArray(), buffer);
        }

        using var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => host.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), ct).AsTask());
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }

    [Fact]
    public async Task A_connection_nothing_accepts_is_null_and_the_ip_commands_run_only_inside()
    {
        Assert.SkipUnless(Environment.IsPrivilegedProcess, "only root makes network namespaces");
        using var space = NetworkNamespace.Create();
        NamespaceCommands.Ip(space, ["link set lo up", "link add labs-test0 type bridge"]);
        Assert.Null(await space.ConnectAsync(new IPEndPoint(IPAddress.Loopback, 9), TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists("/sys/class/net/labs-test0"), "the bridge appeared on the host");
        var failure = Assert.Throws<InvalidOperationException>(() => NamespaceCommands.Ip(space, ["link add labs-test0 type bridge"]));
        Assert.Contains("File exists", failure.Message, StringComparison.Ordinal);
    }
}
