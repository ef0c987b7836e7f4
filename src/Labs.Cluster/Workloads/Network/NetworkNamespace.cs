using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// A network namespace of the cluster's own (the cluster network's, or a pod's), held by an open descriptor rather
/// than by a process: it lives while this object does and goes, with its interfaces, when it is disposed or the
/// platform exits. Sockets are made inside it on a thread of their own that enters it and then ends, so no thread
/// of the platform ever runs in it for longer, and the host's own namespace is never the one configured.
/// </summary>
internal sealed class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private static readonly string HostNamespace = Inode("/proc/self/ns/net");

    private readonly SafeFileHandle _handle;

    private NetworkNamespace(SafeFileHandle handle) => _handle = handle;

    /// <summary>
    /// A path that names this namespace for other programs (<c>nsenter --net=</c>, <c>ip link ... netns</c>):
    /// this process's descriptor of it.
    /// </summary>
    public string Path => $"/proc/{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}/fd/{_handle.DangerousGetHandle().ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A new, empty network namespace (its loopback is down until configured).</summary>
    /// <exception cref="InvalidOperationException">The kernel refused (not root, or namespaces are not allowed here).</exception>
    public static NetworkNamespace Create()
    {
        var made = OnThread(() =>
        {
            if (unshare(CloneNewNet) != 0)
            {
                throw new InvalidOperationException($"a network namespace cannot be made here: {Marshal.GetLastPInvokeErrorMessage()}");
            }

            return File.OpenHandle("/proc/thread-self/ns/net", FileMode.Open, FileAccess.Read);
        });
        var space = new NetworkNamespace(made);
        if (Inode(space.Path) == HostNamespace)
        {
            space.Dispose();
            throw new InvalidOperationException("the new network namespace turned out to be the host's");
        }

        return space;
    }

    /// <summary>A TCP socket listening on <paramref name="endpoint"/> inside this namespace.</summary>
    public Socket Listen(IPEndPoint endpoint, int backlog = 128) => Open(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp, socket =>
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        socket.Bind(endpoint);
        socket.Listen(backlog);
    });

    /// <summary>A UDP socket bound to <paramref name="endpoint"/> inside this namespace.</summary>
    public Socket BindUdp(IPEndPoint endpoint) => Open(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp, socket => socket.Bind(endpoint));

    /// <summary>A TCP connection to <paramref name="endpoint"/> from inside this namespace, or null when refused or unreachable.</summary>
    public async Task<Socket?> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = Open(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp, socket => socket.NoDelay = true);
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _handle.Dispose();

    // A socket made inside this namespace (it stays in it wherever it is used), set up there too.
    private Socket Open(AddressFamily family, SocketType type, ProtocolType protocol, Action<Socket> setUp) => OnThread(() =>
    {
        Enter();
        var socket = new Socket(family, type, protocol);
        try
        {
            setUp(socket);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    });

    private void Enter()
    {
        if (setns(_handle, CloneNewNet) != 0)
        {
            throw new InvalidOperationException($"cannot enter the network namespace: {Marshal.GetLastPInvokeErrorMessage()}");
        }
    }

    // A thread that ends after the work: whatever namespace it entered goes with it.
    private static T OnThread<T>(Func<T> work)
    {
        T? result = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 256 * 1024) { IsBackground = true, Name = "labs-netns" };
        thread.Start();
        thread.Join();
        return failure is null ? result! : throw failure;
    }

    private static string Inode(string path) => new FileInfo(path).LinkTarget ?? "";

    [DllImport("libc.so.6", SetLastError = true)]
    private static extern int unshare(int flags);

    [DllImport("libc.so.6", SetLastError = true)]
    private static extern int setns(SafeFileHandle fd, int nstype);
}
