using System.Diagnostics;
using System.Globalization;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// A pod's writable storage (the learner's home and /tmp), limited to the pod's ephemeral-storage as a real node
/// limits it: an ext4 image of that size, loop-mounted at <c>&lt;pod dir&gt;/storage</c>, so a full disk is the pod's
/// own ENOSPC and nobody else's. Mounting needs root; otherwise (or where loop devices are missing) the storage is a
/// plain directory and <see cref="Unavailable"/> says why it is not limited.
/// </summary>
internal sealed class PodStorage
{
    private static readonly string[] SystemPaths = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];
    private readonly HashSet<string> _mounted = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private string? _unavailable;

    public PodStorage(bool isRoot)
    {
        _unavailable = !isRoot ? "limiting a pod's storage needs root (a loop-mounted filesystem per pod)"
            : Locate("mkfs.ext4") is null ? "mkfs.ext4 (Debian package e2fsprogs) is not installed"
            : null;
    }

    /// <summary>Why pod storage is not size-limited, or null when it is.</summary>
    public string? Unavailable
    {
        get
        {
            lock (_lock)
            {
                return _unavailable;
            }
        }
    }

    /// <summary>
    /// Makes sure the pod's storage is in place (created and mounted once, kept across restarts of the platform) and
    /// returns its home and tmp directories, owned by <paramref name="uid"/> when given.
    /// </summary>
    public (string Home, string Tmp) Prepare(string podDirectory, long sizeBytes, int? uid)
    {
        var storage = Path.Combine(podDirectory, "storage");
        Directory.CreateDirectory(storage);
        if (Unavailable is null)
        {
            lock (_lock)
            {
                if (!IsMountPoint(storage) && !TryMount(podDirectory, storage, sizeBytes, uid))
                {
                    Directory.CreateDirectory(storage);
                }

                _mounted.Add(storage);
            }
        }

        var home = Directory.CreateDirectory(Path.Combine(storage, "home")).FullName;
        var tmp = Directory.CreateDirectory(Path.Combine(storage, "tmp")).FullName;
        File.SetUnixFileMode(tmp, (UnixFileMode)0x3FF | UnixFileMode.StickyBit); // 1777, as /tmp is.
        if (uid is { } owner)
        {
            foreach (var dir in new[] { storage, home, tmp })
            {
                _ = FileCalls.ChownAt(FileCalls.AtFdCwd, dir, owner, owner);
            }
        }

        return (home, tmp);
    }

    /// <summary>Unmounts the pod's storage (its image stays, for the pod's next start, until the directory is removed).</summary>
    public void Release(string podDirectory)
    {
        var storage = Path.Combine(podDirectory, "storage");
        lock (_lock)
        {
            _mounted.Remove(storage);
        }

        Unmount(storage);
    }

    /// <summary>Unmounts every storage this instance mounted (at shutdown).</summary>
    public void UnmountAll()
    {
        List<string> mounted;
        lock (_lock)
        {
            mounted = [.. _mounted];
            _mounted.Clear();
        }

        foreach (var storage in mounted)
        {
            Unmount(storage);
        }
    }

    private bool TryMount(string podDirectory, string storage, long sizeBytes, int? uid)
    {
        var image = Path.Combine(podDirectory, "storage.img");
        if (!File.Exists(image))
        {
            using (var file = new FileStream(image, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                file.SetLength(sizeBytes); // Sparse: disk is used only as the learner writes.
            }

            File.SetUnixFileMode(image, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var owner = uid is { } u ? $"root_owner={u}:{u}," : "";
            var made = Run("mkfs.ext4", "-q", "-F", "-m", "0", "-J", "size=4", "-E", owner + "lazy_itable_init=1,nodiscard", image);
            if (made is not null)
            {
                File.Delete(image);
                Disable($"mkfs.ext4 failed: {made}");
                return false;
            }
        }

        var mounted = Run("mount", "-t", "ext4", "-o", "loop,nosuid,nodev,noatime", image, storage);
        if (mounted is not null)
        {
            Disable($"cannot loop-mount pod storage: {mounted}");
            return false;
        }

        return true;
    }

    private void Disable(string reason) => _unavailable ??= reason;

    private static void Unmount(string storage)
    {
        if (IsMountPoint(storage))
        {
            // Lazy: a sandbox still being torn down may hold it for a moment; the loop device goes with the last user.
            _ = Run("umount", "-l", storage);
        }
    }

    private static bool IsMountPoint(string path)
    {
        var full = Path.GetFullPath(path).TrimEnd('/');
        return File.ReadLines("/proc/self/mountinfo").Any(line => line.Split(' ') is { Length: > 4 } f && Cgroups.Unescape(f[4]) == full);
    }

    /// <summary>Runs a system command; null on success, else what it said.</summary>
    private static string? Run(string command, params string[] arguments)
    {
        var info = new ProcessStartInfo(Locate(command) ?? command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info)!;
            var error = process.StandardError.ReadToEnd();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"{command} exited with {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{command}: {e.Message}";
        }
    }

    private static string? Locate(string name) => SystemPaths.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
