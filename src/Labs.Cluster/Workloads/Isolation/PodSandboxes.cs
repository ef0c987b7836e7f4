using System.Text.Json.Nodes;
using Labs.Cluster.Admission;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// Prepares and releases the sandboxes of a node's pods, as a container runtime does for a kubelet: a host user of the
/// pod's own, its directory, its size-limited storage and its cgroup with the limits of its containers.
/// </summary>
internal sealed class PodSandboxes
{
    /// <summary>Pod annotation with the most processes the pod may run at once (a real node sets podPidsLimit instead).</summary>
    public const string PidsLimitAnnotation = "labs.dev/pids-limit";

    private readonly WorkloadOptions _options;
    private readonly SandboxUsers _users;
    private readonly Cgroups _cgroups;
    private readonly PodStorage _storage;

    /// <exception cref="ClusterSetupException">Sandbox users could not reach the pods directory.</exception>
    public PodSandboxes(WorkloadOptions options)
    {
        _options = options;
        var data = Path.GetFullPath(options.DataDirectory);
        PodsDirectory = Path.Combine(data, "pods");
        Directory.CreateDirectory(PodsDirectory);
        _users = new SandboxUsers(PodsDirectory, options.SandboxFirstUid, options.SandboxUidCount);
        if (_users.IsRoot)
        {
            // Sandboxes run as other users and must traverse to their own directory: the data directory and the pods
            // directory are opened for traversal only (o+x: no listing); every secret in them is a 0600 file.
            AddTraverse(data);
            File.SetUnixFileMode(PodsDirectory, (UnixFileMode)0x1C9 /* 0711 */);
            if (UnreachableAncestor(PodsDirectory) is { } unreachable)
            {
                throw new ClusterSetupException(unreachable);
            }
        }

        _cgroups = Cgroups.Detect(options.CgroupParent);
        _storage = new PodStorage(_users.IsRoot);
    }

    /// <summary>Where pods' directories are: <c>&lt;data&gt;/pods/&lt;pod uid&gt;</c>.</summary>
    public string PodsDirectory { get; }

    /// <summary>What is not enforced on this machine, and why: one line each, for the start-up log.</summary>
    public IEnumerable<string> Warnings()
    {
        if (!_users.IsRoot)
        {
            yield return "sandboxes run as the platform's own user (only root can give each pod a uid of its own)";
        }

        if (_cgroups.Unavailable is { } cgroups)
        {
            yield return $"no pids, memory or CPU limits for pods: {cgroups}";
        }

        if (_storage.Unavailable is { } storage)
        {
            yield return $"pod storage (home, /tmp) is not size-limited: {storage}";
        }
    }

    /// <summary>Which cgroup version limits pods: v2, v1 or none.</summary>
    public string CgroupVersion => _cgroups.Version;

    /// <summary>CPU time so far and memory working set of the pod's processes, where its cgroup can be read.</summary>
    public (long? CpuNanoseconds, long? WorkingSetBytes) Usage(string podUid) => _cgroups.Usage(podUid);

    /// <summary>How many of the pod's processes were killed for its memory limit so far; null when not known.</summary>
    public long? OomKills(string podUid) => _cgroups.OomKills(podUid);

    /// <summary>The directory of one pod's files.</summary>
    public string PodDirectory(string podUid) => Path.Combine(PodsDirectory, podUid);

    /// <summary>The host uid a pod's processes run as (allocated on first use), or null for the platform's own.</summary>
    public int? HostUid(string podUid) => _users.For(podUid);

    /// <summary>
    /// Makes sure the pod's sandbox is ready: directory, storage, identity files and cgroup. Idempotent: called when
    /// the pod starts and again before each exec (after a restart of the platform, for instance).
    /// </summary>
    public PodSandbox Prepare(JsonObject pod)
    {
        var uid = pod.Uid();
        var hostUid = _users.For(uid);
        var dir = Directory.CreateDirectory(PodDirectory(uid)).FullName;
        if (hostUid is { } owner)
        {
            _ = FileCalls.ChownAt(FileCalls.AtFdCwd, dir, owner, owner);
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var limits = Limits(pod, _options);
        var (home, tmp) = _storage.Prepare(dir, limits.StorageBytes, hostUid);
        var identity = WriteIdentity(dir);
        var procs = _cgroups.Apply(uid, limits);
        return new PodSandbox(dir, hostUid, home, tmp, identity, procs);
    }

    /// <summary>Removes everything of a deleted pod: its cgroup (and whatever still runs there), storage, uid and files.</summary>
    public void Release(string podUid)
    {
        _cgroups.Remove(podUid);
        var dir = PodDirectory(podUid);
        _storage.Release(dir);
        _users.Release(podUid);
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // What a learner made unremovable (a directory they closed with chmod 000) only an administrator can clear.
            throw new IOException($"cannot remove the files of pod {podUid} in {dir}: {e.Message}", e);
        }
    }

    /// <summary>Removes a deleted namespace's hostPath files from every simulated node.</summary>
    public void ReleaseNamespace(string ns)
    {
        var nodes = Path.Combine(Path.GetFullPath(_options.DataDirectory), "nodes");
        if (!Directory.Exists(nodes) || ns.Length == 0 || ns.Contains('/', StringComparison.Ordinal) || ns is "." or "..")
        {
            return;
        }

        foreach (var node in Directory.EnumerateDirectories(nodes))
        {
            var dir = Path.Combine(node, ns);
            try
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: what a learner made unremovable stays until an administrator clears it.
            }
        }
    }

    /// <summary>
    /// At shutdown, once every sandbox process is gone: unmounts every pod's storage and removes the pods' cgroups.
    /// The files stay for the next start, which mounts and makes them again.
    /// </summary>
    public void Shutdown()
    {
        _storage.UnmountAll();
        _cgroups.RemoveAll();
    }

    /// <summary>The limits of a pod: its containers' limits summed, the pids annotation, the node's defaults.</summary>
    public static SandboxLimits Limits(JsonObject pod, WorkloadOptions options)
    {
        Quantity? Sum(string resource)
        {
            Quantity? total = null;
            foreach (var container in pod.Arr("spec", "containers").Objects())
            {
                if (!Quantity.TryParse(container.Str("resources", "limits", resource), out var value, out _))
                {
                    return null; // One container without a limit leaves the pod unlimited in that resource.
                }

                total = total is { } sum ? sum.Add(value) : value;
            }

            return total;
        }

        static long Clamp(System.Numerics.BigInteger value) => (long)System.Numerics.BigInteger.Min(value, long.MaxValue);
        var memory = Sum("memory") is { } m ? Clamp(m.Value) : (long?)null;
        var cpu = Sum("cpu") is { } c ? Math.Max(1, Clamp(c.MilliValue)) : (long?)null;
        var storage = Sum("ephemeral-storage") is { } s ? Clamp(s.Value) : options.DefaultPodStorageBytes;
        var pids = long.TryParse(pod.Str("metadata", "annotations", PidsLimitAnnotation), out var p) && p > 0 ? p : options.PodPidsLimit;

        // Below a few MiB a filesystem cannot even be made; a pod asking for less gets the least that works.
        return new SandboxLimits(memory, cpu, pids, Math.Max(storage, 16L * 1024 * 1024));
    }

    /// <summary>
    /// Writes the sandbox's /etc/passwd and /etc/group: the host's entries (so other names still resolve) with the
    /// learner as uid and gid <see cref="Exec.Sandbox.LearnerId"/> in place of whoever had that id.
    /// </summary>
    private static string WriteIdentity(string podDirectory)
    {
        var directory = Directory.CreateDirectory(Path.Combine(podDirectory, "identity")).FullName;
        var id = Exec.Sandbox.LearnerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        static IEnumerable<string> HostEntries(string file, string id) =>
            File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Split(':') is { Length: > 3 } f && f[0] != "learner" && f[2] != id) : [];
        File.WriteAllLines(Path.Combine(directory, "passwd"), HostEntries("/etc/passwd", id).Append($"learner:x:{id}:{id}:Learner:{Exec.Sandbox.Home}:/bin/bash"));
        File.WriteAllLines(Path.Combine(directory, "group"), HostEntries("/etc/group", id).Append($"learner:x:{id}:"));
        return directory;
    }

    private static void AddTraverse(string directory)
    {
        var mode = File.GetUnixFileMode(directory);
        if ((mode & UnixFileMode.OtherExecute) == 0)
        {
            File.SetUnixFileMode(directory, mode | UnixFileMode.OtherExecute);
        }
    }

    /// <summary>A message naming the first directory above <paramref name="path"/> that other users cannot traverse.</summary>
    private static string? UnreachableAncestor(string path)
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if ((File.GetUnixFileMode(dir) & UnixFileMode.OtherExecute) == 0)
            {
                return $"pod sandboxes run as their own users and cannot reach {path}: {dir} is closed to other users " +
                       $"(allow traversal with 'chmod o+x {dir}', or choose a data directory outside it, e.g. /var/lib/labs)";
            }
        }

        return null;
    }
}
