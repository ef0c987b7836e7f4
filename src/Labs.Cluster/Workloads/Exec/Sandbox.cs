namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// Builds the bubblewrap command line for a pod's command and starts it. The sandbox sees the system directories
/// read-only and only this pod's own home and volumes writable or read-only; never the data directory or the
/// repository. The network is shared so kubectl inside can reach the API server on 127.0.0.1.
/// </summary>
internal static class Sandbox
{
    public const string Home = "/home/learner";

    /// <summary>The learner's user and group id inside the sandbox (mapped to the platform's own uid outside).</summary>
    public const int LearnerId = 1000;
    private static readonly string[] SystemDirectories = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc"];

    public static List<string> Arguments(SandboxSpec spec)
    {
        var args = new List<string>
        {
            "--die-with-parent",
            // The learner is an ordinary user inside, whoever runs the platform outside.
            "--unshare-user", "--uid", $"{LearnerId}", "--gid", $"{LearnerId}",
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--hostname", spec.Hostname,
        };
        var mounts = spec.Mounts.Where(CanMount).ToList();
        foreach (var dir in SystemDirectories)
        {
            var info = new DirectoryInfo(dir);
            if (info.LinkTarget is { } target)
            {
                // Debian merges /bin, /lib... into /usr: recreate the symlink instead of binding a second copy.
                args.AddRange(["--symlink", target, dir]);
            }
            else if (info.Exists && dir == "/etc" && mounts.Any(m => IsUnder(m.Target, "/etc") && !Directory.Exists(m.Target)))
            {
                // A volume at a new path under /etc (say /etc/config) needs a mount point that a read-only bind
                // of the host's /etc cannot provide: rebuild /etc on a tmpfs from read-only binds of its entries (new files there live only in this sandbox).
                args.AddRange(["--tmpfs", "/etc"]);
                foreach (var entry in new DirectoryInfo("/etc").EnumerateFileSystemInfos())
                {
                    args.AddRange(entry.LinkTarget is { } link ? ["--symlink", link, entry.FullName] : ["--ro-bind", entry.FullName, entry.FullName]);
                }
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", dir, dir]);
            }
        }

        var identity = IdentityDirectory(spec);
        args.AddRange(["--ro-bind", Path.Combine(identity, "passwd"), "/etc/passwd", "--ro-bind", Path.Combine(identity, "group"), "/etc/group"]);
        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--tmpfs", "/run", "--bind", spec.HomeDirectory, Home]);
        foreach (var mount in mounts)
        {
            args.AddRange([mount.ReadOnly ? "--ro-bind" : "--bind", mount.Source, mount.Target]);
        }

        args.AddRange(["--chdir", spec.WorkingDirectory, "--clearenv"]);
        foreach (var (key, value) in spec.Environment)
        {
            args.AddRange(["--setenv", key, value]);
        }

        if (!spec.Tty)
        {
            // Without a terminal a new session stops TIOCSTI-style escapes; with one it would break job control.
            args.Add("--new-session");
        }

        args.Add("--");
        args.AddRange(spec.Command);
        return args;
    }

    private static string IdentityDirectory(SandboxSpec spec) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(spec.HomeDirectory))!, "identity");

    /// <summary>
    /// Writes the sandbox's /etc/passwd and /etc/group: the host's entries (so other names still resolve) with the
    /// learner as uid and gid <see cref="LearnerId"/> in place of whoever had that id.
    /// </summary>
    private static void WriteIdentity(SandboxSpec spec)
    {
        var directory = Directory.CreateDirectory(IdentityDirectory(spec)).FullName;
        static IEnumerable<string> HostEntries(string file) =>
            File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Split(':') is { Length: > 3 } f && f[0] != "learner" && f[2] != $"{LearnerId}") : [];
        File.WriteAllLines(Path.Combine(directory, "passwd"), HostEntries("/etc/passwd").Append($"learner:x:{LearnerId}:{LearnerId}:Learner:{Home}:/bin/bash"));
        File.WriteAllLines(Path.Combine(directory, "group"), HostEntries("/etc/group").Append($"learner:x:{LearnerId}:"));
    }

    private static bool IsUnder(string path, string dir) =>
        path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);

    /// <summary>
    /// A mount point inside a read-only system directory must already exist there (e.g. /usr/share/nginx/html on a
    /// host without nginx does not): such mounts are skipped rather than failing the whole session.
    /// </summary>
    private static bool CanMount(SandboxMount mount) =>
        !SystemDirectories.Any(d => d != "/etc" && IsUnder(mount.Target, d)) || Directory.Exists(mount.Target);

    /// <summary>Starts the command: on a pseudo-terminal when <see cref="SandboxSpec.Tty"/>, else on pipes.</summary>
    public static ISandboxProcess Start(string bubblewrap, SandboxSpec spec, int columns = 80, int rows = 24)
    {
        Directory.CreateDirectory(spec.HomeDirectory);
        WriteIdentity(spec);
        var args = Arguments(spec);

        // bwrap itself needs nothing from the environment: the command's environment is set with --setenv.
        var hostEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/usr/local/bin:/usr/bin:/bin" };
        return spec.Tty
            ? PtyProcess.Start(bubblewrap, args, hostEnvironment, columns, rows)
            : PipeProcess.Start(bubblewrap, args, hostEnvironment);
    }

    /// <summary>Finds an executable by absolute path or on PATH; null when missing.</summary>
    public static string? Locate(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
