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

    /// <summary>Starts <c>argv[0]</c> (an absolute path) on a new pseudo-terminal, with <paramref name="inherited"/> at fds 3, 4, ...</summary>
    /// <exception cref="Win32Exception">The terminal or the process could not be created.</exception>
    public static PtyProcess Start(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, IReadOnlyList<SafeHandle> inherited, int columns, int rows)
    {
        var master = NativeMethods.posix_openpt(NativeMethods.ORdwr | NativeMethods.ONoctty | NativeMethods.OCloexec);
        if (master < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "Could not open a pseudo-terminal (posix_openpt)");
        }

        var slave = -1;
        var slavePath = IntPtr.Zero;
        try
        {
            var nameBuffer = new byte[256];
            if (NativeMethods.grantpt(master) != 0 || NativeMethods.unlockpt(master) != 0 || NativeMethods.ptsname_r(master, nameBuffer, (nuint)nameBuffer.Length) != 0)
            {
                throw new Win32Exception(Marshal.GetLastPInvokeError(), "Could not prepare the pseudo-terminal (grantpt/unlockpt/ptsname)");
            }

            var slaveName = Encoding.UTF8.GetString(nameBuffer, 0, Array.IndexOf(nameBuffer, (byte)0));
            slavePath = Marshal.StringToCoTaskMemUTF8(slaveName);

            // Holding the slave open until the child has it keeps reads on the master from failing early.
            slave = NativeMethods.open(slavePath, NativeMethods.ORdwr | NativeMethods.ONoctty | NativeMethods.OCloexec);
            var size = new NativeMethods.WinSize { Columns = (ushort)columns, Rows = (ushort)rows };
            _ = NativeMethods.ioctl(master, NativeMethods.Tiocswinsz, ref size);

            var pid = Spawner.Spawn(argv, environment, new Spawner.Stdio(slaveName), inherited);
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

            Marshal.FreeCoTaskMem(slavePath);
        }
    }
}
