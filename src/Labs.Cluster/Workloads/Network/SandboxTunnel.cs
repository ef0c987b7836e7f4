using System.Diagnostics;
using System.Globalization;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// A TCP connection to 127.0.0.1:PORT inside one sandboxed process's network namespace, made by socat run in that
/// namespace (nsenter): the way the API server reaches a pod's address here, where each sandbox has a network of its own.
/// </summary>
internal static class SandboxTunnel
{
    /// <summary>Connects, or answers null when nothing accepts the connection there (refused, or the process is gone).</summary>
    public static async Task<Stream?> OpenAsync(int pid, int port, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("nsenter")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--target", pid.ToString(CultureInfo.InvariantCulture), "--net", "--", "socat", "-d", "-d", "STDIO",
                     $"TCP:127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"])
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("nsenter did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // No nsenter or socat here: nothing can be reached.
        }

        // socat says on stderr (at notice level) once it is connected; it exits when the connection is refused.
        while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Contains("successfully connected", StringComparison.Ordinal))
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new ProcessStream(process);
            }
        }

        await process.WaitForExitAsync(cancellationToken);
        process.Dispose();
        return null;
    }
}
