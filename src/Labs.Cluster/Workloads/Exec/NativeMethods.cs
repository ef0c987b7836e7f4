using System.Runtime.InteropServices;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// The few libc calls a pseudo-terminal needs. posix_spawn (not fork) keeps managed code out of the child; only
/// blittable arguments are used so no marshalling code runs in between.
/// </summary>
internal static class NativeMethods
{
    public const int ORdwr = 0x2;
    public const int ONoctty = 0x100;
    public const int OCloexec = 0x80000;
    public const int EIntr = 4;
    public const int SigKill = 9;
    public const nuint Tiocswinsz = 0x5414;
    public const short SpawnSetSigDef = 0x04;
    public const short SpawnSetSigMask = 0x08;
    public const short SpawnSetSid = 0x80;

    // glibc's posix_spawn_file_actions_t is 80 bytes, posix_spawnattr_t 336 and sigset_t 128 on x86-64 and arm64;
    // allocating more is harmless and guards against other layouts.
    public const int OpaqueSize = 1024;

    private const string Libc = "libc.so.6";

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    [DllImport(Libc, SetLastError = true)]
    public static extern int posix_openpt(int flags);

    [DllImport(Libc, SetLastError = true)]
    public static extern int grantpt(int fd);

    [DllImport(Libc, SetLastError = true)]
    public static extern int unlockpt(int fd);

    [DllImport(Libc, SetLastError = true)]
    public static extern int ptsname_r(int fd, byte[] buffer, nuint length);

    [DllImport(Libc, SetLastError = true)]
    public static extern int open(IntPtr path, int flags);

    [DllImport(Libc, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Libc, SetLastError = true)]
    public static extern int ioctl(int fd, nuint request, ref WinSize size);

    [DllImport(Libc, SetLastError = true)]
    public static extern nint read(int fd, byte[] buffer, nint count);

    [DllImport(Libc, SetLastError = true)]
    public static extern nint write(int fd, byte[] buffer, nint count);

    [DllImport(Libc)]
    public static extern int posix_spawn_file_actions_init(IntPtr actions);

    [DllImport(Libc)]
    public static extern int posix_spawn_file_actions_destroy(IntPtr actions);

    [DllImport(Libc)]
    public static extern int posix_spawn_file_actions_addopen(IntPtr actions, int fd, IntPtr path, int flags, uint mode);

    [DllImport(Libc)]
    public static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newFd);

    [DllImport(Libc)]
    public static extern int posix_spawn_file_actions_addclosefrom_np(IntPtr actions, int from);

    [DllImport(Libc)]
    public static extern int posix_spawnattr_init(IntPtr attributes);

    [DllImport(Libc)]
    public static extern int posix_spawnattr_destroy(IntPtr attributes);

    [DllImport(Libc)]
    public static extern int posix_spawnattr_setflags(IntPtr attributes, short flags);

    [DllImport(Libc)]
    public static extern int posix_spawnattr_setsigmask(IntPtr attributes, IntPtr signals);

    [DllImport(Libc)]
    public static extern int posix_spawnattr_setsigdefault(IntPtr attributes, IntPtr signals);

    [DllImport(Libc)]
    public static extern int sigemptyset(IntPtr signals);

    [DllImport(Libc)]
    public static extern int sigfillset(IntPtr signals);

    [DllImport(Libc)]
    public static extern int posix_spawn(out int pid, IntPtr path, IntPtr actions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

    [DllImport(Libc, SetLastError = true)]
    public static extern int waitpid(int pid, out int status, int options);

    [DllImport(Libc, SetLastError = true)]
    public static extern int kill(int pid, int signal);
}
