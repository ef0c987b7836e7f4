using System.ComponentModel;
using Microsoft.Win32.SafeHandles;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// Resolves a volumeMount's <c>subPath</c> inside its volume as the kubelet does after CVE-2017-1002101: the kernel
/// resolves it (openat2 with RESOLVE_BENEATH, or a walk that refuses every symlink where openat2 is missing), so
/// neither an absolute path, <c>..</c>, a symlink pointing out, nor a symlink swapped in halfway can leave the volume.
/// Missing directories are created inside the volume, as the kubelet creates them.
/// </summary>
internal static class SubPaths
{
    /// <summary>
    /// The kubelet's check of the text of a subPath (also of an expanded subPathExpr); null when it is acceptable.
    /// </summary>
    public static string? TextError(string subPath)
    {
        if (subPath.StartsWith('/'))
        {
            return $"error SubPath `{subPath}` must not be an absolute path";
        }

        return subPath.Split('/').Contains("..") ? $"unable to provision SubPath `{subPath}`: must not contain '..'" : null;
    }

    /// <summary>
    /// Opens <paramref name="subPath"/> inside <paramref name="volumeDirectory"/> as an O_PATH handle (for a bind mount
    /// by descriptor), creating missing directories (mode <paramref name="mode"/>, owned by <paramref name="ownerUid"/>
    /// when given).
    /// </summary>
    /// <exception cref="SubPathException">The subPath leaves the volume, or its text is refused.</exception>
    /// <exception cref="FileNotFoundException">It does not exist and <paramref name="create"/> is false.</exception>
    public static SafeFileHandle Open(string volumeDirectory, string subPath, int? ownerUid, uint mode = 0x1ED /* 0755 */, bool create = true)
    {
        if (TextError(subPath) is { } error)
        {
            throw new SubPathException(error);
        }

        var root = FileCalls.OpenAt(FileCalls.AtFdCwd, volumeDirectory, FileCalls.OPath | FileCalls.ODirectory | FileCalls.OCloexec);
        if (root < 0)
        {
            throw new IOException($"cannot open volume directory {volumeDirectory}: {new Win32Exception(-root).Message}");
        }

        try
        {
            var parts = subPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
            var fd = FileCalls.OpenAt(root, ".", FileCalls.OPath | FileCalls.OCloexec);
            for (var i = 1; i <= parts.Length; i++)
            {
                _ = FileCalls.close(fd);
                fd = OpenOrCreate(root, parts, i, ownerUid, mode, create);
            }

            return new SafeFileHandle(fd, ownsHandle: true);
        }
        finally
        {
            _ = FileCalls.close(root);
        }
    }

    /// <summary>Opens the first <paramref name="count"/> parts beneath root; creates the last one as a directory when missing.</summary>
    private static int OpenOrCreate(int root, string[] parts, int count, int? ownerUid, uint mode, bool create)
    {
        var prefix = string.Join('/', parts.Take(count));
        var fd = Resolve(root, parts, count);
        if (fd != -FileCalls.ENoent)
        {
            return fd >= 0 ? fd : throw Escape(prefix, -fd);
        }

        if (!create)
        {
            throw new FileNotFoundException($"{prefix} does not exist in the volume");
        }

        var parent = count == 1 ? FileCalls.OpenAt(root, ".", FileCalls.OPath | FileCalls.OCloexec) : Resolve(root, parts, count - 1);
        if (parent < 0)
        {
            throw Escape(prefix, -parent);
        }

        try
        {
            var made = FileCalls.MkdirAt(parent, parts[count - 1], mode);
            if (made < 0)
            {
                // EEXIST here is a dangling symlink (it resolved to nothing a moment ago): the kubelet refuses those too.
                throw Escape(prefix, -made);
            }

            if (ownerUid is { } uid)
            {
                _ = FileCalls.ChownAt(parent, parts[count - 1], uid, uid);
            }

            // mkdir applies the umask; the mode asked for is the mode meant.
            _ = FileCalls.ChmodAt(parent, parts[count - 1], mode);
        }
        finally
        {
            _ = FileCalls.close(parent);
        }

        fd = Resolve(root, parts, count);
        return fd >= 0 ? fd : throw Escape(prefix, -fd);
    }

    /// <summary>Resolves a prefix of the subPath relative to the volume root without ever leaving it; fd or -errno.</summary>
    private static int Resolve(int root, string[] parts, int count)
    {
        var prefix = string.Join('/', parts.Take(count));
        var fd = FileCalls.OpenAt2(root, prefix, FileCalls.OPath | FileCalls.OCloexec, FileCalls.ResolveBeneath | FileCalls.ResolveNoMagicLinks);
        return fd == -FileCalls.ENosys ? WalkWithoutSymlinks(root, parts, count) : fd;
    }

    /// <summary>Kernels before 5.6 have no openat2: walk one component at a time and refuse every symlink.</summary>
    private static int WalkWithoutSymlinks(int root, string[] parts, int count)
    {
        var current = FileCalls.OpenAt(root, ".", FileCalls.OPath | FileCalls.OCloexec);
        for (var i = 0; i < count && current >= 0; i++)
        {
            var next = FileCalls.OpenAt(current, parts[i], FileCalls.OPath | FileCalls.ONoFollow | FileCalls.OCloexec);
            _ = FileCalls.close(current);
            if (next >= 0 && FileCalls.IsSymlink(next))
            {
                _ = FileCalls.close(next);
                return -FileCalls.ELoop;
            }

            current = next;
        }

        return current;
    }

    private static SubPathException Escape(string prefix, int errno) =>
        new($"subpath \"{prefix}\" not within volume path ({new Win32Exception(errno).Message})");
}
