using System.Runtime.InteropServices;
using System.Text;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// The libc calls for walking a directory tree by file descriptor, so that a path chosen by a learner (a subPath,
/// a symlink in their volume) is resolved by the kernel inside its volume rather than by string handling.
/// </summary>
internal static class FileCalls
{
    public const int AtFdCwd = -100;
    public const int AtSymlinkNoFollow = 0x100;
    public const int AtEmptyPath = 0x1000;
    public const int SIfDir = 0x4000;
    public const int SIfReg = 0x8000;
    public const int OPath = 0x200000;
    public const int OCloexec = 0x80000;
    public const int ENoent = 2;
    public const int EExist = 17;
    public const int ENosys = 38;
    public const int EXDev = 18;
    public const int ELoop = 40;
    public const ulong ResolveNoMagicLinks = 0x02;
    public const ulong ResolveBeneath = 0x08;
    public const int FDupFdCloexec = 1030;

    private const string Libc = "libc.so.6";
    private const long SysOpenat2 = 437; // The same number on x86-64 and arm64: syscalls added since 5.x share one table.

    /// <summary>O_DIRECTORY: the value differs between x86 and arm.</summary>
    public static int ODirectory => IsArm ? 0x4000 : 0x10000;

    /// <summary>O_NOFOLLOW: the value differs between x86 and arm.</summary>
    public static int ONoFollow => IsArm ? 0x8000 : 0x20000;

    private static bool IsArm => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    [StructLayout(LayoutKind.Sequential)]
    public struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [DllImport(Libc, SetLastError = true)]
    private static extern long syscall(long number, int dirfd, byte[] path, ref OpenHow how, nuint size);

    [DllImport(Libc, SetLastError = true, EntryPoint = "openat")]
    private static extern int OpenAtNative(int dirfd, byte[] path, int flags, uint mode);

    [DllImport(Libc, SetLastError = true, EntryPoint = "mkdirat")]
    private static extern int MkdirAtNative(int dirfd, byte[] path, uint mode);

    [DllImport(Libc, SetLastError = true, EntryPoint = "fchownat")]
    private static extern int FchownAtNative(int dirfd, byte[] path, int uid, int gid, int flags);

    [DllImport(Libc, SetLastError = true, EntryPoint = "fchmodat")]
    private static extern int FchmodAtNative(int dirfd, byte[] path, uint mode, int flags);

    [DllImport(Libc, SetLastError = true, EntryPoint = "readlinkat")]
    private static extern nint ReadLinkAtNative(int dirfd, byte[] path, byte[] buffer, nuint size);

    [DllImport(Libc, SetLastError = true, EntryPoint = "statx")]
    private static extern int StatxNative(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

    [DllImport(Libc, SetLastError = true)]
    public static extern int close(int fd);

    [DllImport(Libc, SetLastError = true)]
    public static extern int fcntl(int fd, int command, int argument);

    [DllImport(Libc, SetLastError = true)]
    public static extern int pipe2(int[] fds, int flags);

    [DllImport(Libc)]
    public static extern uint geteuid();

    [DllImport(Libc, SetLastError = true, EntryPoint = "memfd_create")]
    private static extern int MemfdCreateNative(byte[] name, uint flags);

    /// <summary>An anonymous in-memory file holding <paramref name="content"/>, read from its start (memfd_create).</summary>
    public static Microsoft.Win32.SafeHandles.SafeFileHandle MemoryFile(string name, ReadOnlySpan<byte> content)
    {
        const uint MfdCloexec = 1;
        var fd = MemfdCreateNative(Z(name), MfdCloexec);
        if (fd < 0)
        {
            throw new System.ComponentModel.Win32Exception(Marshal.GetLastPInvokeError(), "Could not create an in-memory file (memfd_create)");
        }

        var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        RandomAccess.Write(handle, content, 0);
        return handle;
    }

    /// <summary>openat2(2); returns the fd or -errno.</summary>
    public static int OpenAt2(int dirfd, string path, int flags, ulong resolve)
    {
        var how = new OpenHow { Flags = (ulong)flags, Resolve = resolve };
        var fd = syscall(SysOpenat2, dirfd, Z(path), ref how, (nuint)Marshal.SizeOf<OpenHow>());
        return fd >= 0 ? (int)fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>openat(2); returns the fd or -errno.</summary>
    public static int OpenAt(int dirfd, string path, int flags)
    {
        var fd = OpenAtNative(dirfd, Z(path), flags, 0);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Creates an empty file in a directory given by descriptor, never through a symlink; 0 or -errno.</summary>
    public static int CreateFileAt(int dirfd, string name, uint mode)
    {
        const int OWrOnly = 0x1, OCreat = 0x40, OExcl = 0x80;
        var fd = OpenAtNative(dirfd, Z(name), OWrOnly | OCreat | OExcl | ONoFollow | OCloexec, mode);
        if (fd < 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        _ = close(fd);
        return 0;
    }

    /// <summary>mkdirat(2); returns 0 or -errno.</summary>
    public static int MkdirAt(int dirfd, string name, uint mode) =>
        MkdirAtNative(dirfd, Z(name), mode) == 0 ? 0 : -Marshal.GetLastPInvokeError();

    /// <summary>fchownat(2) without following a final symlink; returns 0 or -errno.</summary>
    public static int ChownAt(int dirfd, string name, int uid, int gid) =>
        FchownAtNative(dirfd, Z(name), uid, gid, AtSymlinkNoFollow) == 0 ? 0 : -Marshal.GetLastPInvokeError();

    /// <summary>The owner's uid of a file (not following a final symlink), or null when it cannot be read.</summary>
    public static int? OwnerOf(string path) => Stat(AtFdCwd, path, AtSymlinkNoFollow)?.Uid;

    /// <summary>The file type bits (S_IFMT of st_mode) of what an open descriptor refers to, or null.</summary>
    public static int? TypeOf(int fd) => Stat(fd, "", AtEmptyPath)?.Mode & 0xF000;

    private static (int Uid, int Mode)? Stat(int dirfd, string path, int flags)
    {
        // struct statx has the same layout on every architecture: stx_uid is the u32 at offset 20, stx_mode the u16 at 28.
        var buffer = new byte[256];
        const uint StatxTypeModeUid = 0x1 | 0x2 | 0x8;
        return StatxNative(dirfd, Z(path), flags, StatxTypeModeUid, buffer) == 0
            ? (BitConverter.ToInt32(buffer, 20), BitConverter.ToUInt16(buffer, 28))
            : null;
    }

    /// <summary>
    /// fchmodat(2) of an entry of a directory given by descriptor, never through a symlink (one swapped in for a
    /// just-made directory must not turn this into a chmod of whatever it points at); 0 or -errno.
    /// </summary>
    public static int ChmodAt(int dirfd, string name, uint mode) =>
        FchmodAtNative(dirfd, Z(name), mode, AtSymlinkNoFollow) == 0 ? 0 : -Marshal.GetLastPInvokeError();

    /// <summary>Whether an O_PATH descriptor refers to a symbolic link (readlinkat on it succeeds only then).</summary>
    public static bool IsSymlink(int fd) => ReadLinkAtNative(fd, Z(""), new byte[8], 8) >= 0;

    private static byte[] Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
