namespace Labs.Cluster.Workloads.Network;

/// <summary>Carries two connections into each other, each direction until its end of file, then closes both.</summary>
internal static class Relay
{
    public static async Task RunAsync(Stream a, Stream b, CancellationToken cancellationToken)
    {
        await using (a)
        await using (b)
        {
            await Task.WhenAll(CopyAsync(a, b, cancellationToken), CopyAsync(b, a, cancellationToken));
        }
    }

    private static async Task CopyAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        try
        {
            await from.CopyToAsync(to, 32 * 1024, cancellationToken);
            await to.FlushAsync(cancellationToken);
            (to as IHalfClosable)?.CloseWrite();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // One side went away: the other is closed with it.
            (to as IHalfClosable)?.CloseWrite();
        }
    }
}
