using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// The cluster's pod network, where the machine allows it (root, iproute2, nftables): a network namespace of its own
/// with a bridge at <c>10.244.0.1/16</c>, and nothing in it has a route anywhere else. A pod whose processes run gets a
/// namespace of its own, shared by all of its containers and execs (<c>localhost</c> is the pod's), with <c>eth0</c> on
/// the bridge at its pod IP (a /32, the bridge as its gateway) and routes to the pod and Service ranges only; the API
/// server is carried to <c>127.0.0.1</c> there. The bridge's ports are isolated from each other, so every TCP
/// connection of a pod to a pod IP or a Service IP reaches the cluster namespace, where nftables redirects it to the
/// platform's one listener; <see cref="Route"/> decides (Services, NetworkPolicies) and the platform connects on.
/// </summary>
internal sealed partial class ClusterNetwork : IDisposable
{
    public const string Gateway = "10.244.0.1";
    public const string PodRange = "10.244.0.0/16";
    public const string ServiceRange = "10.96.0.0/12";

    // Where nftables sends every pod's connection to a pod or Service IP (the original destination stays readable).
    private const int RedirectPort = 15001;
    private const int SoOriginalDst = 80;
    private const int SolIp = 0;

    private readonly NetworkNamespace _cluster;
    private readonly WorkloadOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodAddress> _pods = new(StringComparer.Ordinal);
    private Socket? _listener;
    private Socket? _dnsSocket;
    private readonly CancellationTokenSource _stop = new();

    // The options' API server socket and port are read when a pod's namespace is made: they are set once the API server listens.
    private ClusterNetwork(NetworkNamespace cluster, WorkloadOptions options, ILogger logger)
    {
        _cluster = cluster;
        _options = options;
        _logger = logger;
    }

    /// <summary>The ports a pod's simulated containers serve: its namespace answers on them too (<c>localhost</c> inside the pod).</summary>
    public Func<JsonObject, IEnumerable<int>>? SimulatedPorts { get; set; }

    /// <summary>The answer to a DNS query a pod sent to the cluster's DNS server (from that source), or null for none.</summary>
    public Func<byte[], IPEndPoint, byte[]?>? Dns { get; set; }

    /// <summary>Where a pod's connection goes: (original destination, source) → a connection on, or what to do instead.</summary>
    public Func<IPEndPoint, IPEndPoint, CancellationToken, Task<RouteResult>>? Route { get; set; }

    /// <summary>
    /// The network, or null when it is turned off or (then with why) this machine cannot make one: each sandboxed
    /// process then has a network of its own.
    /// </summary>
    public static ClusterNetwork? TryCreate(WorkloadOptions options, ILogger logger, out string? why)
    {
        why = null;
        if (!options.ClusterNetwork)
        {
            return null;
        }

        if (geteuid() != 0)
        {
            why = "only root can build the cluster network";
            return null;
        }

        if (Exec.Sandbox.Locate("ip") is null || Exec.Sandbox.Locate("nsenter") is null || Exec.Sandbox.Locate("nft") is null)
        {
            why = "ip (Debian package iproute2), nft (nftables) or nsenter (util-linux) is not installed";
            return null;
        }

        NetworkNamespace? cluster = null;
        try
        {
            cluster = NetworkNamespace.Create();
            NamespaceCommands.Ip(cluster, ["link set lo up", $"addr add {ClusterDns.ServerAddress}/32 dev lo", "link add br0 type bridge", $"addr add {Gateway}/16 dev br0", "link set br0 up"]);
            NamespaceCommands.Nft(cluster, $$"""
                table ip labs {
                  chain prerouting {
                    type nat hook prerouting priority dstnat; policy accept;
                    iifname "br0" ip daddr { {{PodRange}}, {{ServiceRange}} } meta l4proto tcp redirect to :{{RedirectPort}}
                  }
                }

                """);
            var network = new ClusterNetwork(cluster, options, logger);
            network._listener = network.Serve(cluster.Listen(new IPEndPoint(IPAddress.Any, RedirectPort), 1024), client => network.RouteAsync(client, null));
            network._dnsSocket = cluster.BindUdp(new IPEndPoint(IPAddress.Parse(ClusterDns.ServerAddress), 53));
            _ = Task.Run(network.ServeDnsAsync);
            return network;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            cluster?.Dispose();
            why = e.Message;
            return null;
        }
    }

    /// <summary>Gives the pod its IP in the network (idempotent); its namespace is made when a process of it first runs.</summary>
    public void Attach(string podUid, string ip)
    {
        lock (_lock)
        {
            if (!_pods.TryGetValue(podUid, out var known) || known.Ip != ip)
            {
                _pods[podUid] = new PodAddress(ip);
            }
        }
    }

    /// <summary>The pod's namespace, made on first use, for its processes to join; null when the pod has no IP here yet.</summary>
    /// <exception cref="InvalidOperationException">The namespace could not be set up.</exception>
    public NetworkNamespace? PodNamespace(JsonObject pod)
    {
        var podUid = pod.Uid();
        lock (_lock)
        {
            if (!_pods.TryGetValue(podUid, out var address))
            {
                return null;
            }

            if (address.Namespace is { } existing)
            {
                return existing;
            }

            var space = NetworkNamespace.Create();
            var host = HostSide(podUid);
            try
            {
                NamespaceCommands.Ip(_cluster,
                [
                    $"link add {host} type veth peer name eth0 netns {space.Path}",
                    $"link set {host} master br0",
                    $"link set dev {host} type bridge_slave isolated on",
                    $"link set {host} up",
                ]);
                NamespaceCommands.Ip(space,
                [
                    "link set lo up",
                    $"addr add {address.Ip}/32 dev eth0",
                    "link set eth0 up",
                    $"route add {Gateway} dev eth0 scope link",
                    $"route add {PodRange} via {Gateway} dev eth0",
                    $"route add {ServiceRange} via {Gateway} dev eth0",
                ]);
                address.Namespace = space;
                if (_options.ApiServerSocket is { } api)
                {
                    address.Listeners.Add(Serve(space.Listen(new IPEndPoint(IPAddress.Loopback, _options.ApiServerPort)), client => ToApiServerAsync(client, api)));
                }

                foreach (var port in (SimulatedPorts?.Invoke(pod) ?? []).Distinct().Where(p => p != _options.ApiServerPort))
                {
                    var self = new IPEndPoint(IPAddress.Parse(address.Ip), port);
                    address.Listeners.Add(Serve(space.Listen(new IPEndPoint(IPAddress.Any, port)), client => RouteAsync(client, self)));
                }

                return space;
            }
            catch
            {
                Configure(_cluster, [$"link del {host}"], force: true);
                space.Dispose();
                throw;
            }
        }
    }

    /// <summary>Connects to a port of a pod that has a namespace: its loopback (as port-forward does) or its pod IP over the bridge; null when refused.</summary>
    public async Task<Stream?> ConnectAsync(string podUid, int port, bool loopback, CancellationToken cancellationToken)
    {
        NetworkNamespace? space;
        string ip;
        lock (_lock)
        {
            if (!_pods.TryGetValue(podUid, out var address) || address.Namespace is null)
            {
                return null;
            }

            (space, ip) = (loopback ? address.Namespace : _cluster, address.Ip);
        }

        var target = new IPEndPoint(loopback ? IPAddress.Loopback : IPAddress.Parse(ip), port);
        return await space.ConnectAsync(target, cancellationToken) is { } socket ? new SocketStream(socket) : null;
    }

    /// <summary>The pod's IP in the network, or null when it has none here.</summary>
    public string? IpOf(string podUid)
    {
        lock (_lock)
        {
            return _pods.TryGetValue(podUid, out var address) ? address.Ip : null;
        }
    }

    /// <summary>Whether the pod has a namespace of its own (a process of it ran).</summary>
    public bool HasNamespace(string podUid)
    {
        lock (_lock)
        {
            return _pods.TryGetValue(podUid, out var address) && address.Namespace is not null;
        }
    }

    /// <summary>Takes the pod out of the network: its namespace (and with it its interface) or its loopback address.</summary>
    public void Release(string podUid)
    {
        lock (_lock)
        {
            if (!_pods.Remove(podUid, out var address))
            {
                return;
            }

            if (address.Namespace is not null)
            {
                Configure(_cluster, [$"link del {HostSide(podUid)}"], force: true);
            }

            address.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        lock (_lock)
        {
            _listener?.Dispose();
            _dnsSocket?.Dispose();
            foreach (var address in _pods.Values)
            {
                address.Close();
            }

            _pods.Clear();
        }

        _cluster.Dispose();
    }

    private Socket Serve(Socket listener, Func<Socket, Task> handle)
    {
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try
                {
                    client = await listener.AcceptAsync(_stop.Token);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
                {
                    return; // Closed: the pod or the cluster went away.
                }

                _ = Task.Run(() => handle(client));
            }
        });
        return listener;
    }

    private async Task ServeDnsAsync()
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested && _dnsSocket is { } socket)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                if (_stop.IsCancellationRequested || e is ObjectDisposedException)
                {
                    return;
                }

                continue; // A client's port was closed by the time an answer got there (ICMP): nothing to do.
            }

            try
            {
                if (received.RemoteEndPoint is IPEndPoint source && Dns?.Invoke(buffer[..received.ReceivedBytes], source) is { Length: > 0 } answer)
                {
                    await socket.SendToAsync(answer, SocketFlags.None, source, _stop.Token);
                }
            }
            catch (Exception e) when (e is SocketException or InvalidOperationException or Api.ApiException)
            {
                LogRouteFailed(_logger, $"{ClusterDns.ServerAddress}:53", e.Message);
            }
        }
    }

    // A connection to `known` (a simulated server's port in a pod's namespace), or to where the pod dialled before the redirect.
    private async Task RouteAsync(Socket client, IPEndPoint? known)
    {
        var result = RouteResult.Refuse;
        try
        {
            if (Route is { } route && (known ?? OriginalDestination(client)) is { } destination && client.RemoteEndPoint is IPEndPoint source)
            {
                result = await route(destination, Plain(source), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            LogRouteFailed(_logger, client.LocalEndPoint?.ToString() ?? "?", e.Message);
        }

        if (result.Target is { } target)
        {
            await Relay.RunAsync(new SocketStream(client), target, _stop.Token);
            return;
        }

        if (result.Drop)
        {
            // A NetworkPolicy drops the packets: the client hears nothing until it gives up (or Linux's SYN retries would).
            await DiscardUntilClosedAsync(client, TimeSpan.FromSeconds(130));
        }

        // Refused (nothing there, as kube-proxy's reject of a Service without endpoints): the client is reset.
        client.LingerState = new LingerOption(true, 0);
        client.Dispose();
    }

    private async Task DiscardUntilClosedAsync(Socket client, TimeSpan longest)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(longest);
        var buffer = new byte[4096];
        try
        {
            while (await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Gone, or waited long enough.
        }
    }

    // The destination the pod dialled, before nftables redirected it here.
    private static IPEndPoint? OriginalDestination(Socket client)
    {
        Span<byte> address = stackalloc byte[16];
        if (client.GetRawSocketOption(SolIp, SoOriginalDst, address) < 8)
        {
            return null;
        }

        var port = (address[2] << 8) | address[3];
        return new IPEndPoint(new IPAddress(address.Slice(4, 4)), port);
    }

    private async Task ToApiServerAsync(Socket client, string socket)
    {
        if (await SocketStream.ConnectUnixAsync(socket, _stop.Token) is not { } api)
        {
            client.Dispose();
            return;
        }

        await Relay.RunAsync(new SocketStream(client), api, _stop.Token);
    }

    private void Configure(NetworkNamespace space, IEnumerable<string> commands, bool force)
    {
        try
        {
            NamespaceCommands.Ip(space, commands, force);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            LogConfigureFailed(_logger, e.Message);
        }
    }

    private static IPEndPoint Plain(IPEndPoint endpoint) =>
        endpoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endpoint.Address.MapToIPv4(), endpoint.Port) : endpoint;

    // Interface names are at most 15 bytes: "lh" and ten hex digits of the pod's uid hash.
    private static string HostSide(string podUid) => "lh" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(podUid)))[..10];

    [System.Runtime.InteropServices.DllImport("libc.so.6")]
    private static extern uint geteuid();

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster network: a connection to {Destination} could not be routed: {Reason}")]
    private static partial void LogRouteFailed(ILogger logger, string destination, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster network: {Reason}")]
    private static partial void LogConfigureFailed(ILogger logger, string reason);

    private sealed class PodAddress(string ip)
    {
        public string Ip { get; } = ip;

        public NetworkNamespace? Namespace { get; set; }

        public List<Socket> Listeners { get; } = [];

        public void Close()
        {
            foreach (var listener in Listeners)
            {
                listener.Dispose();
            }

            Namespace?.Dispose();
        }
    }
}
