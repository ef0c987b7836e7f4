using System.Globalization;
using System.Runtime.InteropServices;

namespace Labs.Cluster.Workloads.Exec;

/// <summary>
/// Builds the command line of a pod's sandboxed command and starts it. The process joins the pod's cgroup, becomes
/// the pod's unprivileged host user, and runs in bubblewrap with its own user, pid, ipc, uts, cgroup and network
/// namespaces and no further user namespaces. It sees the system directories read-only and only this pod's home,
/// /tmp and volumes; never the data directory or the repository. Its network is the pod's in the cluster network
/// (<see cref="Network.ClusterNetwork"/>), or where there is none, a network of its own with nothing but loopback,
/// where the API server is forwarded from a Unix socket.
/// </summary>
internal static class Sandbox
{
    public const string Home = "/home/learner";

    /// <summary>Where the platform's extra programs (Helm) appear inside the sandbox, last on its PATH.</summary>
    public const string ToolsDirectory = "/opt/labs/bin";

    /// <summary>The PATH of every sandboxed command.</summary>
    public const string SearchPath = "/usr/local/bin:/usr/bin:/bin:" + ToolsDirectory;

    /// <summary>The learner's user and group id inside the sandbox (mapped to the pod's host uid outside).</summary>
    public const int LearnerId = 1000;

    /// <summary>Where the API server's socket appears inside the sandbox.</summary>
    public const string ApiSocket = "/run/labs/kube.sock";

    /// <summary>The script inside the sandbox that forwards the API server into its network, then runs the command.</summary>
    public const string ApiForwarder = "/run/labs/api-forward";

    // Descriptors the sandbox's launcher gets: bubblewrap's options, the forwarder script (when there is an API
    // server to forward), then one per mount. bubblewrap closes each once it has used it.
    private const int ArgumentsFd = 3;
    private const int ForwarderFd = 4;

    // Each path is a cgroup.procs file until "--"; the shell writes its own pid to each, then execs the rest.
    private const string JoinCgroups = "while [ \"$1\" != -- ]; do echo $$ > \"$1\" || exit 125; shift; done; shift; exec \"$@\"";

    // Listens on 127.0.0.1:$1 in the sandbox's network namespace, waits until it does, then runs the command.
    private const string ForwardApi = $$"""
        # Carries the Kubernetes API server into this sandbox's own network: 127.0.0.1:$1 -> {{ApiSocket}}
        socat -lf /dev/null TCP-LISTEN:"$1",bind=127.0.0.1,reuseaddr,fork UNIX-CONNECT:{{ApiSocket}} </dev/null >/dev/null 2>&1 &
        h=$(printf %04X "$1")
        i=0
        until grep -q " 0100007F:$h 00000000:0000 0A " /proc/net/tcp; do
          i=$((i+1))
          if [ $i -gt 500 ]; then echo 'labs: the connection to the API server could not be set up' >&2; exit 126; fi
          sleep 0.01
        done
        shift
        exec "$@"

        """;

    private const long RunSizeBytes = 64L * 1024 * 1024;
    private static readonly string[] SystemDirectories = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc"];

    /// <summary>
    /// The launcher's command line: cgroup join, user switch and bubblewrap, which reads its own arguments (see
    /// <see cref="BubblewrapArguments"/>) from fd 3, so that the sandbox's pid 1 shows no host paths or scripts.
    /// </summary>
    public static List<string> CommandLine(SandboxTools tools, SandboxSpec spec)
    {
        var line = new List<string>();
        if (spec.NetworkNamespace is { } network)
        {
            // Into the pod's network first, as root: the sandbox then has no say over it.
            line.AddRange([tools.NsEnter ?? "nsenter", $"--net={network}", "--"]);
        }

        if (spec.Pod.CgroupProcs.Count > 0)
        {
            line.AddRange(["/bin/sh", "-c", JoinCgroups, "labs-cgroup", .. spec.Pod.CgroupProcs, "--"]);
        }

        if (spec.Pod.HostUid is { } uid)
        {
            var id = uid.ToString(CultureInfo.InvariantCulture);
            line.AddRange([tools.SetPriv!, $"--reuid={id}", $"--regid={id}", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"]);
        }

        line.AddRange([tools.Bubblewrap!, "--args", $"{ArgumentsFd}", "--"]);
        if (spec.Api is { } forward)
        {
            line.AddRange(["/bin/sh", ApiForwarder, forward.Port.ToString(CultureInfo.InvariantCulture)]);
        }

        line.AddRange(spec.Command);
        return line;
    }

    /// <summary>bubblewrap's options (the command follows them on its command line).</summary>
    public static List<string> BubblewrapArguments(SandboxSpec spec)
    {
        var args = new List<string>
        {
            "--die-with-parent",
            // The learner is an ordinary user inside; outside, the pod's own unprivileged uid.
            "--unshare-user", "--uid", $"{LearnerId}", "--gid", $"{LearnerId}", "--disable-userns",
            "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--hostname", spec.Hostname,
        };
        if (spec.NetworkNamespace is null)
        {
            args.Add("--unshare-net");
        }

        var etcOnTmpfs = AddSystemDirectories(args, spec.Mounts);
        args.AddRange(["--ro-bind", Path.Combine(spec.Pod.Identity, "passwd"), "/etc/passwd", "--ro-bind", Path.Combine(spec.Pod.Identity, "group"), "/etc/group"]);
        if (spec.NetworkFiles is { } files)
        {
            args.AddRange(["--ro-bind", Path.Combine(files, Network.PodNetworkFiles.ResolvConf), "/etc/resolv.conf", "--ro-bind", Path.Combine(files, Network.PodNetworkFiles.Hosts), "/etc/hosts"]);
        }

        args.AddRange(["--proc", "/proc", "--dev", "/dev", "--bind", spec.Pod.Tmp, "/tmp"]);
        args.AddRange(["--size", RunSizeBytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", "/run", "--bind", spec.Pod.Home, Home]);
        if (spec.Api is { } api)
        {
            args.AddRange(["--ro-bind", api.Socket, ApiSocket, "--ro-bind-data", $"{ForwarderFd}", ApiForwarder]);
        }

        if (spec.Tools is { } tools)
        {
            args.AddRange(["--ro-bind", tools, ToolsDirectory]);
        }

        for (var i = 0; i < spec.Mounts.Count; i++)
        {
            // By descriptor: bubblewrap checks that what it mounts is what was opened, so nothing can be swapped in between.
            args.AddRange([spec.Mounts[i].ReadOnly ? "--ro-bind-fd" : "--bind-fd", (FirstMountFd(spec) + i).ToString(CultureInfo.InvariantCulture), spec.Mounts[i].Target]);
        }

        // The sandbox's own root (a tmpfs holding the mount points), and /etc when it was rebuilt on one, are read-only
        // once everything is in place.
        args.AddRange(["--remount-ro", "/"]);
        if (etcOnTmpfs)
        {
            args.AddRange(["--remount-ro", "/etc"]);
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

        return args;
    }

    private static int FirstMountFd(SandboxSpec spec) => spec.Api is null ? ForwarderFd : ForwarderFd + 1;

    /// <summary>Binds the system directories read-only; returns whether /etc had to be rebuilt on a tmpfs.</summary>
    private static bool AddSystemDirectories(List<string> args, IReadOnlyList<SandboxMount> mounts)
    {
        var etcOnTmpfs = false;
        foreach (var dir in SystemDirectories)
        {
            var info = new DirectoryInfo(dir);
            if (info.LinkTarget is { } target)
            {
                // Debian merges /bin, /lib... into /usr: recreate the symlink instead of binding a second copy.
                args.AddRange(["--symlink", target, dir]);
            }
            else if (info.Exists && dir == "/etc" && mounts.Any(m => IsUnder(m.Target, "/etc") && !Path.Exists(m.Target)))
            {
                // A volume at a new path under /etc (say /etc/config) needs a mount point that a read-only bind
                // of the host's /etc cannot provide: rebuild /etc on a tmpfs from read-only binds of its entries.
                args.AddRange(["--tmpfs", "/etc"]);
                etcOnTmpfs = true;
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

        return etcOnTmpfs;
    }

    private static bool IsUnder(string path, string dir) =>
        path == dir || path.StartsWith(dir + "/", StringComparison.Ordinal);

    /// <summary>
    /// A mount point inside a read-only system directory must already exist there (e.g. /usr/share/nginx/html on a
    /// host without nginx does not): such mounts are left out rather than failing the whole session.
    /// </summary>
    public static bool CanMount(string target) =>
        !SystemDirectories.Any(d => d != "/etc" && IsUnder(target, d)) || Path.Exists(target);

    /// <summary>Starts the command: on a pseudo-terminal when <see cref="SandboxSpec.Tty"/>, else on pipes.</summary>
    public static ISandboxProcess Start(SandboxTools tools, SandboxSpec spec, int columns = 80, int rows = 24)
    {
        var line = CommandLine(tools, spec);
        var args = BubblewrapArguments(spec);
        var encoded = System.Text.Encoding.UTF8.GetBytes(string.Concat(args.Select(a => a + "\0")));
        using var argsFile = Isolation.FileCalls.MemoryFile("labs-sandbox-args", encoded);
        using var forwarder = spec.Api is null ? null : Isolation.FileCalls.MemoryFile("labs-api-forward", System.Text.Encoding.UTF8.GetBytes(ForwardApi));
        IReadOnlyList<SafeHandle> inherited = [argsFile, .. forwarder is null ? Array.Empty<SafeHandle>() : [forwarder], .. spec.Mounts.Select(m => m.Source)];

        // The launcher needs nothing from the environment: the command's environment is set with --setenv.
        var hostEnvironment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/usr/local/bin:/usr/bin:/bin" };
        return spec.Tty
            ? PtyProcess.Start(line, hostEnvironment, inherited, columns, rows)
            : PipeProcess.Start(line, hostEnvironment, inherited);
    }

    /// <summary>Finds an executable by absolute path or on PATH; null when missing.</summary>
    public static string? Locate(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/sbin"))
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
