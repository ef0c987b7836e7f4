using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// The cluster's pod network, where the machine allows it (root, iproute2): a network namespace of its own with a
/// bridge (<c>10.244.0.1/16</c>) and the Service range (<c>10.96.0.0/12</c>) as local addresses, so nothing in it
/// has a route anywhere else. A pod whose processes run gets a namespace of its own, shared by all of its containers
/// and execs (<c>localhost</c> is the pod's), with <c>eth0</c> on the bridge at its pod IP and routes to the pod and
/// Service ranges only; the API server is carried to <c>127.0.0.1</c> there. A pod with no process yet (a simulated
/// container) has its IP on the cluster namespace's loopback instead. Connections to a Service IP, or to such a pod,
/// land on the platform's listeners in the cluster namespace, and <see cref="Route"/> says where they go; traffic
/// between pods that run for real goes over the bridge, as on a real node.
/// </summary>
internal sealed partial class ClusterNetwork : IDisposable
{
    public const string Gateway = "10.244.0.1";
    public const string PodRange = "10.244.0.0/16";
    public const string ServiceRange = "10.96.0.0/12";

    private readonly NetworkNamespace _cluster;
    private readonly WorkloadOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, PodAddress> _pods = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Socket> _listeners = [];
    private readonly CancellationTokenSource _stop = new();

    // The options' API server socket and port are read when a pod's namespace is made: they are set once the API server listens.
    private ClusterNetwork(NetworkNamespace cluster, WorkloadOptions options, ILogger logger)
    {
        _cluster = cluster;
        _options = options;
        _logger = logger;
    }

    /// <summary>Where a connection to a Service IP or to a pod without a namespace goes: (destination, source) → a connection, or null to refuse it.</summary>
    public Func<IPEndPoint, IPEndPoint, CancellationToken, Task<Stream?>>? Route { get; set; }

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

        if (Exec.Sandbox.Locate("ip") is null || Exec.Sandbox.Locate("nsenter") is null)
        {
            why = "ip (Debian package iproute2) or nsenter (util-linux) is not installed";
            return null;
        }

        NetworkNamespace? cluster = null;
        try
        {
            cluster = NetworkNamespace.Create();
            IpCommands.Run(cluster,
            [
                "link set lo up",
                "link add br0 type bridge",
                $"addr add {Gateway}/16 dev br0",
                "link set br0 up",
                $"route add local {ServiceRange} dev lo",
            ]);
            return new ClusterNetwork(cluster, options, logger);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            cluster?.Dispose();
            why = e.Message;
            return null;
        }
    }

    /// <summary>Gives the pod its IP in the network (idempotent): on the cluster's loopback until it has a namespace.</summary>
    public void Attach(string podUid, string ip)
    {
        lock (_lock)
        {
            if (_pods.TryGetValue(podUid, out var known) && known.Ip == ip)
            {
                return;
            }

            _pods[podUid] = new PodAddress(ip);
            Configure(_cluster, [$"addr add {ip}/32 dev lo"], force: true);
        }
    }

    /// <summary>The pod's namespace, made on first use, for its processes to join; null when the pod has no IP here yet.</summary>
    /// <exception cref="InvalidOperationException">The namespace could not be set up.</exception>
    public NetworkNamespace? PodNamespace(string podUid)
    {
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
                IpCommands.Run(_cluster, [$"link add {host} type veth peer name eth0 netns {space.Path}", $"link set {host} master br0 up"]);
                Configure(_cluster, [$"addr del {address.Ip}/32 dev lo"], force: true);
                IpCommands.Run(space,
                [
                    "link set lo up",
                    $"addr add {address.Ip}/16 dev eth0",
                    "link set eth0 up",
                    $"route add {ServiceRange} via {Gateway}",
                ]);
                address.Namespace = space;
                if (_options.ApiServerSocket is { } api)
                {
                    address.Listeners.Add(Serve(space.Listen(new IPEndPoint(IPAddress.Loopback, _options.ApiServerPort)), client => ToApiServerAsync(client, api)));
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

            Configure(_cluster, address.Namespace is null ? [$"addr del {address.Ip}/32 dev lo"] : [$"link del {HostSide(podUid)}"], force: true);
            address.Close();
        }
    }

    /// <summary>Listens in the cluster namespace on every one of <paramref name="ports"/> (all addresses) that it does not listen on yet.</summary>
    public void ListenOn(IEnumerable<int> ports)
    {
        lock (_lock)
        {
            foreach (var port in ports.Where(p => p is > 0 and < 65536))
            {
                if (_listeners.ContainsKey(port))
                {
                    continue;
                }

                try
                {
                    _listeners[port] = Serve(_cluster.Listen(new IPEndPoint(IPAddress.Any, port), 512), RouteAsync);
                }
                catch (SocketException e)
                {
                    LogListenFailed(_logger, port, e.Message);
                }
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        lock (_lock)
        {
            foreach (var listener in _listeners.Values)
            {
                listener.Dispose();
            }

            foreach (var address in _pods.Values)
            {
                address.Close();
            }

            _listeners.Clear();
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

    private async Task RouteAsync(Socket client)
    {
        Stream? target = null;
        try
        {
            if (Route is { } route && client.LocalEndPoint is IPEndPoint destination && client.RemoteEndPoint is IPEndPoint source)
            {
                target = await route(Plain(destination), Plain(source), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            LogRouteFailed(_logger, client.LocalEndPoint?.ToString() ?? "?", e.Message);
        }

        if (target is null)
        {
            // Nothing there: the client is reset, as by kube-proxy's reject of a Service without endpoints.
            client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            return;
        }

        await Relay.RunAsync(new SocketStream(client), target, _stop.Token);
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
            IpCommands.Run(space, commands, force);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "cluster network: cannot listen on port {Port}: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, int port, string reason);

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
