using System.Diagnostics;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// Configures a network namespace of the cluster's with iproute2: one <c>ip -batch</c> run inside it (through
/// <c>nsenter</c>), so the commands can only ever touch that namespace, never the host's.
/// </summary>
internal static class IpCommands
{
    /// <summary>Runs <paramref name="commands"/> (ip's own syntax, without the leading <c>ip</c>) in <paramref name="space"/>.</summary>
    /// <param name="space">Where they run.</param>
    /// <param name="commands">One command per entry.</param>
    /// <param name="force">Go on past a failing command (for removals of what may be gone already).</param>
    /// <exception cref="InvalidOperationException">A command failed (the message is ip's) or ip could not run.</exception>
    public static void Run(NetworkNamespace space, IEnumerable<string> commands, bool force = false)
    {
        var info = new ProcessStartInfo("nsenter")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[$"--net={space.Path}", "--", "ip", .. force ? ["-force"] : Array.Empty<string>(), "-batch", "-"])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("nsenter did not start");
        process.StandardInput.Write(string.Join('\n', commands) + "\n");
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !force)
        {
            throw new InvalidOperationException($"configuring the cluster network failed: {errors.Result.Trim()}");
        }
    }
}
