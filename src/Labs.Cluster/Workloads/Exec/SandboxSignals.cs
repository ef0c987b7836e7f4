using System.Globalization;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// Signals for the command inside a sandbox. The launcher is bubblewrap outside the sandbox; its child is bubblewrap's
/// init (pid 1 of the sandbox, which has no handler for SIGTERM and so never gets it), whose child is the command.
/// </summary>
internal static class SandboxSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to the command bubblewrap runs under <paramref name="launcherPid"/>, as a runtime stops a container.</summary>
    public static void TerminateCommand(int launcherPid)
    {
        foreach (var command in CommandPids(launcherPid))
        {
            _ = NativeMethods.kill(command, SigTerm);
        }
    }

    /// <summary>The host pids of the command bubblewrap runs under <paramref name="launcherPid"/> (none once it is gone).</summary>
    public static IEnumerable<int> CommandPids(int launcherPid) => Children(launcherPid).SelectMany(Children);

    private static List<int> Children(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/task/{pid}/children");
            return [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone already (or a kernel without the children file): the grace period ends with SIGKILL.
            return [];
        }
    }
}
