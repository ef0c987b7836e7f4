using System.Diagnostics;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// Configures a network namespace of the cluster's with iproute2 and nftables, each run inside it through
/// <c>nsenter</c>, so what they change can only ever be that namespace, never the host's.
/// </summary>
internal static class NamespaceCommands
{
    /// <summary>Runs <paramref name="commands"/> (ip's own syntax, without the leading <c>ip</c>) in <paramref name="space"/>, as one <c>ip -batch</c>.</summary>
    /// <param name="space">Where they run.</param>
    /// <param name="commands">One command per entry.</param>
    /// <param name="force">Go on past a failing command (for removals of what may be gone already).</param>
    /// <exception cref="InvalidOperationException">A command failed (the message is ip's) or ip could not run.</exception>
    public static void Ip(NetworkNamespace space, IEnumerable<string> commands, bool force = false) =>
        Run(space, ["ip", .. force ? ["-force"] : Array.Empty<string>(), "-batch", "-"], string.Join('\n', commands) + "\n", force);

    /// <summary>Loads an nftables ruleset (<c>nft -f -</c>) in <paramref name="space"/>.</summary>
    /// <exception cref="InvalidOperationException">nft refused it (the message is nft's) or could not run.</exception>
    public static void Nft(NetworkNamespace space, string ruleset) => Run(space, ["nft", "-f", "-"], ruleset, force: false);

    private static void Run(NetworkNamespace space, string[] command, string input, bool force)
    {
        var info = new ProcessStartInfo("nsenter")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[$"--net={space.Path}", "--", .. command])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("nsenter did not start");
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 && !force)
        {
            throw new InvalidOperationException($"configuring the cluster network failed ({command[0]}): {errors.Result.Trim()}");
        }
    }
}
