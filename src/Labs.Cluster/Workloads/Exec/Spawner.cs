using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// Starts a process with posix_spawn (no managed code runs in the child): its standard streams from a terminal or
/// from pipes, the given descriptors at 3, 4, ... and nothing else (every other descriptor is closed in the child,
/// even one the platform inherited without close-on-exec).
/// </summary>
internal static class Spawner
{
    // bubblewrap's --die-with-parent (PR_SET_PDEATHSIG) fires when the *thread* that started it exits, and pool
    // threads come and go: every sandbox is started from this one thread, which lives as long as the process.
    private static readonly System.Collections.Concurrent.BlockingCollection<Action> Requests = StartThread();

    /// <summary>What the child's fds 0-2 are: the pty slave opened by path (making it the controlling terminal after setsid), or three fds.</summary>
    public sealed record Stdio(string? TerminalPath, int In = -1, int Out = -1, int Err = -1);

    /// <summary>Starts <c>argv[0]</c> (an absolute path) and returns its pid.</summary>
    /// <exception cref="Win32Exception">posix_spawn failed.</exception>
    public static int Spawn(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, Stdio stdio, IReadOnlyList<SafeHandle> inherited)
    {
        var result = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add(() =>
        {
            try
            {
                result.SetResult(SpawnHere(argv, environment, stdio, inherited));
            }
#pragma warning disable CA1031 // Handed back to the caller, whatever it is.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result.SetException(e);
            }
        });
        return result.Task.GetAwaiter().GetResult();
    }

    private static System.Collections.Concurrent.BlockingCollection<Action> StartThread()
    {
        var requests = new System.Collections.Concurrent.BlockingCollection<Action>();
        var thread = new Thread(() =>
        {
            foreach (var request in requests.GetConsumingEnumerable())
            {
                request();
            }
        })
        {
            IsBackground = true,
            Name = "labs-sandbox-spawner",
        };
        thread.Start();
        return requests;
    }

    private static int SpawnHere(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, Stdio stdio, IReadOnlyList<SafeHandle> inherited)
    {
        var allocations = new List<IntPtr>();
        var temporaries = new List<int>();
        var actions = Alloc(allocations);
        var attributes = Alloc(allocations);
        var defaultSignals = Alloc(allocations);
        var emptyMask = Alloc(allocations);
        _ = NativeMethods.posix_spawn_file_actions_init(actions);
        _ = NativeMethods.posix_spawnattr_init(attributes);
        try
        {
            short flags = NativeMethods.SpawnSetSigDef | NativeMethods.SpawnSetSigMask;
            if (stdio.TerminalPath is { } terminal)
            {
                // After setsid the child has no controlling terminal; opening the slave as fd 0 makes it one.
                Check(NativeMethods.posix_spawn_file_actions_addopen(actions, 0, Utf8(terminal, allocations), NativeMethods.ORdwr, 0), "addopen");
                Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, 0, 1), "adddup2");
                Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, 0, 2), "adddup2");
                flags |= NativeMethods.SpawnSetSid;
            }
            else
            {
                Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, stdio.In, 0), "adddup2");
                Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, stdio.Out, 1), "adddup2");
                Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, stdio.Err, 2), "adddup2");
            }

            for (var i = 0; i < inherited.Count; i++)
            {
                // Copy each above the target range first, so that no source is overwritten by an earlier dup2.
                var copy = FileCalls.fcntl((int)inherited[i].DangerousGetHandle(), FileCalls.FDupFdCloexec, 3 + inherited.Count);
                if (copy < 0)
                {
                    throw new Win32Exception(Marshal.GetLastPInvokeError(), "Could not pass a mount to the sandbox (fcntl)");
                }

                temporaries.Add(copy);
                Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, copy, 3 + i), "adddup2");
            }

            // Whatever the platform itself inherited without close-on-exec (from a shell, a service manager) stops here.
            Check(NativeMethods.posix_spawn_file_actions_addclosefrom_np(actions, 3 + inherited.Count), "addclosefrom");

            // The runtime ignores SIGPIPE and blocks some signals; a shell must start with the defaults.
            _ = NativeMethods.sigfillset(defaultSignals);
            _ = NativeMethods.sigemptyset(emptyMask);
            Check(NativeMethods.posix_spawnattr_setsigdefault(attributes, defaultSignals), "setsigdefault");
            Check(NativeMethods.posix_spawnattr_setsigmask(attributes, emptyMask), "setsigmask");
            Check(NativeMethods.posix_spawnattr_setflags(attributes, flags), "setflags");

            var args = new IntPtr[argv.Count + 1];
            for (var i = 0; i < argv.Count; i++)
            {
                args[i] = Utf8(argv[i], allocations);
            }

            var envp = new IntPtr[environment.Count + 1];
            var n = 0;
            foreach (var (key, value) in environment)
            {
                envp[n++] = Utf8($"{key}={value}", allocations);
            }

            Check(NativeMethods.posix_spawn(out var pid, args[0], actions, attributes, args, envp), $"posix_spawn {argv[0]}");
            return pid;
        }
        finally
        {
            _ = NativeMethods.posix_spawn_file_actions_destroy(actions);
            _ = NativeMethods.posix_spawnattr_destroy(attributes);
            foreach (var fd in temporaries)
            {
                _ = NativeMethods.close(fd);
            }

            foreach (var allocation in allocations)
            {
                Marshal.FreeHGlobal(allocation);
            }
        }
    }

    /// <summary>Waits for a child and returns its exit code (128 + signal when killed), or -1 when it cannot be waited for.</summary>
    public static int Reap(int pid, Action onExited)
    {
        while (true)
        {
            var result = NativeMethods.waitpid(pid, out var status, 0);
            if (result == pid || (result < 0 && Marshal.GetLastPInvokeError() != NativeMethods.EIntr))
            {
                onExited();
                if (result < 0)
                {
                    return -1;
                }

                var signal = status & 0x7f;
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
            }
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"Could not start the sandboxed process ({what})");
        }
    }

    private static IntPtr Alloc(List<IntPtr> allocations)
    {
        var p = Marshal.AllocHGlobal(NativeMethods.OpaqueSize);
        allocations.Add(p);
        Marshal.Copy(new byte[NativeMethods.OpaqueSize], 0, p, NativeMethods.OpaqueSize);
        return p;
    }

    private static IntPtr Utf8(string value, List<IntPtr> allocations)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var p = Marshal.AllocHGlobal(bytes.Length + 1);
        allocations.Add(p);
        Marshal.Copy(bytes, 0, p, bytes.Length);
        Marshal.WriteByte(p, bytes.Length, 0);
        return p;
    }
}
