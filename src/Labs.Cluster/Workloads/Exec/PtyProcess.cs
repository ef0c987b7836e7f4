using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// A process on a real pseudo-terminal: the master stays here, the child gets the slave as fds 0-2 and as its
/// controlling terminal (opened after <c>setsid</c>), so shells get job control, line editing and window sizes.
/// </summary>
internal sealed partial class PtyProcess : ISandboxProcess
{
    private readonly int _master;
    private readonly int _pid;
    // Bounded: a command that floods output (cat /dev/urandom) waits for a slow client instead of filling memory.
    private readonly Channel<(int, byte[])> _output = Channel.CreateBounded<(int, byte[])>(new BoundedChannelOptions(64) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Channel<byte[]> _input = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task<int> _exit;
    private readonly Thread _reader;
    private readonly Lock _lock = new();
    private bool _exited;
    private int _masterClosed;

    private PtyProcess(int master, int pid)
    {
        _master = master;
        _pid = pid;
        _exit = Task.Factory.StartNew(Reap, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = $"pty-read-{pid}" };
        _reader.Start();
        _ = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Starts <paramref name="executable"/> (an absolute path) on a new pseudo-terminal.</summary>
    /// <exception cref="Win32Exception">The terminal or the process could not be created.</exception>
    public static PtyProcess Start(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, int columns, int rows)
    {
        var master = NativeMethods.posix_openpt(NativeMethods.ORdwr | NativeMethods.ONoctty | NativeMethods.OCloexec);
        if (master < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "Could not open a pseudo-terminal (posix_openpt)");
        }

        var allocations = new List<IntPtr>();
        var slave = -1;
        try
        {
            var nameBuffer = new byte[256];
            if (NativeMethods.grantpt(master) != 0 || NativeMethods.unlockpt(master) != 0 || NativeMethods.ptsname_r(master, nameBuffer, (nuint)nameBuffer.Length) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "Could not prepare the pseudo-terminal (grantpt/unlockpt/ptsname)");
            }

            var slaveName = Encoding.UTF8.GetString(nameBuffer, 0, Array.IndexOf(nameBuffer, (byte)0));
            var slavePath = Utf8(slaveName, allocations);

            // Holding the slave open until the child has it keeps reads on the master from failing early.
            slave = NativeMethods.open(slavePath, NativeMethods.ORdwr | NativeMethods.ONoctty | NativeMethods.OCloexec);
            var size = new NativeMethods.WinSize { Columns = (ushort)columns, Rows = (ushort)rows };
            _ = NativeMethods.ioctl(master, NativeMethods.Tiocswinsz, ref size);

            var pid = Spawn(executable, arguments, environment, slavePath, allocations);
            return new PtyProcess(master, pid);
        }
        catch
        {
            _ = NativeMethods.close(master);
            throw;
        }
        finally
        {
            if (slave >= 0)
            {
                _ = NativeMethods.close(slave);
            }

            foreach (var allocation in allocations)
            {
                Marshal.FreeHGlobal(allocation);
            }
        }
    }

    private static int Spawn(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, IntPtr slavePath, List<IntPtr> allocations)
    {
        var actions = Alloc(allocations);
        var attributes = Alloc(allocations);
        var defaultSignals = Alloc(allocations);
        var emptyMask = Alloc(allocations);
        _ = NativeMethods.posix_spawn_file_actions_init(actions);
        _ = NativeMethods.posix_spawnattr_init(attributes);
        try
        {
            // After setsid the child has no controlling terminal; opening the slave as fd 0 makes it one.
            Check(NativeMethods.posix_spawn_file_actions_addopen(actions, 0, slavePath, NativeMethods.ORdwr, 0), "addopen");
            Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, 0, 1), "adddup2");
            Check(NativeMethods.posix_spawn_file_actions_adddup2(actions, 0, 2), "adddup2");

            // The runtime ignores SIGPIPE and blocks some signals; a shell must start with the defaults.
            _ = NativeMethods.sigfillset(defaultSignals);
            _ = NativeMethods.sigemptyset(emptyMask);
            Check(NativeMethods.posix_spawnattr_setsigdefault(attributes, defaultSignals), "setsigdefault");
            Check(NativeMethods.posix_spawnattr_setsigmask(attributes, emptyMask), "setsigmask");
            Check(NativeMethods.posix_spawnattr_setflags(attributes, NativeMethods.SpawnSetSid | NativeMethods.SpawnSetSigDef | NativeMethods.SpawnSetSigMask), "setflags");

            var argv = new IntPtr[arguments.Count + 2];
            argv[0] = Utf8(executable, allocations);
            for (var i = 0; i < arguments.Count; i++)
            {
                argv[i + 1] = Utf8(arguments[i], allocations);
            }

            var envp = new IntPtr[environment.Count + 1];
            var n = 0;
            foreach (var (key, value) in environment)
            {
                envp[n++] = Utf8($"{key}={value}", allocations);
            }

            Check(NativeMethods.posix_spawn(out var pid, argv[0], actions, attributes, argv, envp), $"posix_spawn {executable}");
            return pid;
        }
        finally
        {
            _ = NativeMethods.posix_spawn_file_actions_destroy(actions);
            _ = NativeMethods.posix_spawnattr_destroy(attributes);
        }
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"Could not start the terminal process ({what})");
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
