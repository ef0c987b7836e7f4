using System.Net.Sockets;

namespace Labs.Cluster.Workloads.Network;

/// <summary>A TCP connection as a stream whose sending side can end on its own.</summary>
internal sealed class SocketStream(Socket socket) : NetworkStream(socket, ownsSocket: true), IHalfClosable
{
    /// <summary>A connection to a Unix socket (the API server's), or null when nothing accepts it.</summary>
    public static async Task<SocketStream?> ConnectUnixAsync(string path, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
            return new SocketStream(socket);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            return null;
        }
    }

    public void CloseWrite()
    {
        try
        {
            Socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }
}
