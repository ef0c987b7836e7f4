using System.Globalization;

namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// A cgroup per pod sandbox with its pids, memory and CPU limits, on cgroup v2 (one unified hierarchy) or v1 (a
/// hierarchy per controller), under a parent named after the platform, as container runtimes keep theirs. When no
/// hierarchy can be written (not root, or a container that did not delegate one), <see cref="Unavailable"/> says why
/// and sandboxes run without these limits.
/// </summary>
internal sealed class Cgroups
{
    private static readonly string[] Controllers = ["pids", "memory", "cpu"];
    private readonly string _parent;
    private readonly bool _v2;

    // v2: one directory; v1: one per controller (pids, memory, cpu).
    private readonly IReadOnlyList<string> _roots;

    // v1 only: the cpuacct hierarchy when it is mounted apart from cpu (CPU time for metrics; no limits live there).
    private readonly string? _accounting;
    private readonly HashSet<string> _made = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private Cgroups(string parent, bool v2, IReadOnlyList<string> roots, string? unavailable, string? accounting = null)
    {
        _parent = parent;
        _v2 = v2;
        _roots = roots;
        _accounting = accounting;
        Unavailable = unavailable;
    }

    /// <summary>Why limits cannot be applied, or null when they are.</summary>
    public string? Unavailable { get; }

    /// <summary>Which cgroup version is in use, for logs: <c>v2</c>, <c>v1</c> or <c>none</c>.</summary>
    public string Version => Unavailable is not null ? "none" : _v2 ? "v2" : "v1";

    /// <summary>Finds the writable hierarchies of this machine from <c>/proc/self/mountinfo</c>.</summary>
    public static Cgroups Detect(string parent, string mountInfoPath = "/proc/self/mountinfo")
    {
        var mounts = File.Exists(mountInfoPath) ? File.ReadAllLines(mountInfoPath).Select(ParseMount).OfType<(string, string, string)>().ToList() : [];
        foreach (var (type, point, _) in mounts.Where(m => m.Item1 == "cgroup2"))
        {
            var available = Read(Path.Combine(point, "cgroup.controllers"))?.Split(' ') ?? [];
            if (Controllers.All(available.Contains))
            {
                return Prepare(parent, v2: true, [point]);
            }
        }

        var v1 = Controllers.Select(c => mounts.FirstOrDefault(m => m.Item1 == "cgroup" && m.Item3.Split(',').Contains(c)).Item2).ToList();
        if (v1.All(p => p is not null))
        {
            var accounting = mounts.FirstOrDefault(m => m.Item1 == "cgroup" && m.Item3.Split(',').Contains("cpuacct")).Item2;
            return Prepare(parent, v2: false, v1!, accounting == v1[2] ? null : accounting);
        }

        return new Cgroups(parent, false, [], "no cgroup hierarchy with the pids, memory and cpu controllers is mounted");
    }

    private static Cgroups Prepare(string parent, bool v2, IReadOnlyList<string> mounts, string? accounting = null)
    {
        try
        {
            if (accounting is not null)
            {
                Directory.CreateDirectory(Path.Combine(accounting, parent));
            }

            foreach (var mount in mounts.Distinct())
            {
                var dir = Directory.CreateDirectory(Path.Combine(mount, parent)).FullName;
                if (v2)
                {
                    // Children of the parent get the controllers only when the levels above hand them down.
                    File.WriteAllText(Path.Combine(mount, "cgroup.subtree_control"), "+pids +memory +cpu");
                    File.WriteAllText(Path.Combine(dir, "cgroup.subtree_control"), "+pids +memory +cpu");
                }
            }

            return new Cgroups(parent, v2, mounts, null, accounting);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Cgroups(parent, v2, [], $"cannot create the cgroup {parent} under {string.Join(", ", mounts.Distinct())}: {e.Message}");
        }
    }

    /// <summary>
    /// Creates (or updates) the pod's cgroup with its limits and returns the <c>cgroup.procs</c> files a process must
    /// write its pid to; empty when limits are unavailable.
    /// </summary>
    public IReadOnlyList<string> Apply(string podUid, SandboxLimits limits)
    {
        if (Unavailable is not null)
        {
            return [];
        }

        lock (_lock)
        {
            _made.Add(podUid);
        }

        var procs = new List<string>();
        for (var i = 0; i < _roots.Count; i++)
        {
            var dir = Directory.CreateDirectory(PodDirectory(_roots[i], podUid)).FullName;
            if (_v2)
            {
                Write(dir, "pids.max", limits.Pids.ToString(CultureInfo.InvariantCulture));
                Write(dir, "memory.max", limits.MemoryBytes?.ToString(CultureInfo.InvariantCulture) ?? "max");
                WriteIfPresent(dir, "memory.swap.max", "0");
                Write(dir, "cpu.max", limits.CpuMillis is { } cpu ? $"{cpu * 100} 100000" : "max 100000");
            }
            else if (Controllers[i] == "pids")
            {
                Write(dir, "pids.max", limits.Pids.ToString(CultureInfo.InvariantCulture));
            }
            else if (Controllers[i] == "memory")
            {
                // memsw (memory + swap) must stay at or above the plain limit: widen it first, then set both.
                var memory = limits.MemoryBytes?.ToString(CultureInfo.InvariantCulture) ?? "-1";
                WriteIfPresent(dir, "memory.memsw.limit_in_bytes", "-1");
                Write(dir, "memory.limit_in_bytes", memory);
                WriteIfPresent(dir, "memory.memsw.limit_in_bytes", memory);
            }
            else
            {
                Write(dir, "cpu.cfs_period_us", "100000");
                Write(dir, "cpu.cfs_quota_us", limits.CpuMillis is { } cpu ? (cpu * 100).ToString(CultureInfo.InvariantCulture) : "-1");
            }

            procs.Add(Path.Combine(dir, "cgroup.procs"));
        }

        if (_accounting is not null)
        {
            procs.Add(Path.Combine(Directory.CreateDirectory(PodDirectory(_accounting, podUid)).FullName, "cgroup.procs"));
        }

        return procs;
    }

    /// <summary>
    /// Removes every cgroup this instance made, and the parent when nothing else is in it (at shutdown, once every
    /// sandbox is gone; a pod's next start makes its cgroup again).
    /// </summary>
    public void RemoveAll()
    {
        List<string> made;
        lock (_lock)
        {
            made = [.. _made];
        }

        foreach (var podUid in made)
        {
            Remove(podUid);
        }

        foreach (var root in Hierarchies)
        {
            try
            {
                Directory.Delete(Path.Combine(root, _parent));
            }
            catch (IOException)
            {
                // Other pods (another instance on this machine) still have cgroups there.
            }
        }
    }

    /// <summary>Kills whatever still runs in the pod's cgroup and removes it.</summary>
    public void Remove(string podUid)
    {
        lock (_lock)
        {
            _made.Remove(podUid);
        }

        foreach (var root in Hierarchies)
        {
            var dir = PodDirectory(root, podUid);
            for (var attempt = 0; attempt < 50 && Directory.Exists(dir); attempt++)
            {
                foreach (var line in Read(Path.Combine(dir, "cgroup.procs"))?.Split('\n', StringSplitOptions.RemoveEmptyEntries) ?? [])
                {
                    if (int.TryParse(line, CultureInfo.InvariantCulture, out var pid))
                    {
                        _ = Exec.NativeMethods.kill(pid, Exec.NativeMethods.SigKill);
                    }
                }

                try
                {
                    Directory.Delete(dir);
                }
                catch (IOException)
                {
                    Thread.Sleep(20); // Killed processes take a moment to leave the cgroup.
                }
            }
        }
    }

    /// <summary>
    /// What the pod's processes use now, as the kubelet's cAdvisor reads it: CPU time consumed so far (nanoseconds)
    /// and the memory working set (usage less inactive file cache). Both are null while no process runs in the pod
    /// (its cgroup is empty or missing); CPU alone is null on a v1 cpu hierarchy without cpuacct.
    /// </summary>
    public (long? CpuNanoseconds, long? WorkingSetBytes) Usage(string podUid)
    {
        if (Unavailable is not null)
        {
            return (null, null);
        }

        string memoryDir = PodDirectory(_roots[_v2 ? 0 : 1], podUid);
        string cpuDir = PodDirectory(_v2 ? _roots[0] : _accounting ?? _roots[2], podUid);
        if (string.IsNullOrEmpty(Read(Path.Combine(memoryDir, "cgroup.procs"))))
        {
            return (null, null);
        }

        long? cpu = _v2
            ? StatValue(Read(Path.Combine(cpuDir, "cpu.stat")), "usage_usec") * 1000
            : Number(Read(Path.Combine(cpuDir, "cpuacct.usage")));
        long? usage = Number(Read(Path.Combine(memoryDir, _v2 ? "memory.current" : "memory.usage_in_bytes")));
        long inactive = StatValue(Read(Path.Combine(memoryDir, "memory.stat")), _v2 ? "inactive_file" : "total_inactive_file") ?? 0;
        return (cpu, usage is { } used ? Math.Max(0, used - inactive) : null);
    }

    /// <summary>
    /// How many of the pod's processes the kernel's OOM killer has killed for its memory limit (v2 memory.events,
    /// v1 memory.oom_control); null when that is not known.
    /// </summary>
    public long? OomKills(string podUid)
    {
        if (Unavailable is not null)
        {
            return null;
        }

        var dir = PodDirectory(_roots[_v2 ? 0 : 1], podUid);
        return StatValue(Read(Path.Combine(dir, _v2 ? "memory.events" : "memory.oom_control")), "oom_kill");
    }

    private static long? Number(string? text) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    // A "key value" line of cpu.stat or memory.stat.
    private static long? StatValue(string? stat, string key) =>
        stat?.Split('\n').Select(l => l.Split(' ')).Where(p => p.Length == 2 && p[0] == key).Select(p => Number(p[1])).FirstOrDefault();

    private IEnumerable<string> Hierarchies => _accounting is null ? _roots : _roots.Append(_accounting);

    private string PodDirectory(string root, string podUid) => Path.Combine(root, _parent, "pod-" + podUid);

    private static void Write(string dir, string file, string value) => File.WriteAllText(Path.Combine(dir, file), value);

    private static void WriteIfPresent(string dir, string file, string value)
    {
        if (File.Exists(Path.Combine(dir, file)))
        {
            Write(dir, file, value);
        }
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>(filesystem type, mount point, super options) of one mountinfo line.</summary>
    private static (string, string, string)? ParseMount(string line)
    {
        var fields = line.Split(' ');
        var dash = Array.IndexOf(fields, "-");
        return dash < 5 || dash + 3 >= fields.Length ? null : (fields[dash + 1], Unescape(fields[4]), fields[dash + 3]);
    }

    /// <summary>mountinfo escapes spaces, tabs, newlines and backslashes as octal.</summary>
    public static string Unescape(string field) =>
        field.Replace("\\040", " ", StringComparison.Ordinal).Replace("\\011", "\t", StringComparison.Ordinal)
            .Replace("\\012", "\n", StringComparison.Ordinal).Replace("\\134", "\\", StringComparison.Ordinal);
}
