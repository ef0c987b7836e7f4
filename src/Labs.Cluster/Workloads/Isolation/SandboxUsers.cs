namespace Labs.Cluster.Workloads.Isolation;

/// <summary>
/// Chooses the host user that runs each pod's sandbox. When the platform runs as root, every pod gets an unprivileged
/// uid of its own from a range nobody else uses (never 0), so a learner's processes and files belong to that uid and
/// nothing outside the sandbox is theirs. Otherwise the platform's own (unprivileged) uid is the only one it can use.
/// The owner of a pod's directory records its uid, so a restart keeps each pod's files with the same user.
/// </summary>
internal sealed class SandboxUsers
{
    private readonly int _first;
    private readonly int _count;
    private readonly Dictionary<string, int> _byPod = new(StringComparer.Ordinal);
    private readonly HashSet<int> _used = [];
    private readonly Lock _lock = new();

    /// <summary>Reads which uids the pod directories under <paramref name="podsDirectory"/> already hold.</summary>
    public SandboxUsers(string podsDirectory, int firstUid, int count)
    {
        _first = firstUid;
        _count = count;
        IsRoot = FileCalls.geteuid() == 0;
        if (!IsRoot || !Directory.Exists(podsDirectory))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(podsDirectory))
        {
            if (FileCalls.OwnerOf(dir) is { } uid && InRange(uid))
            {
                _byPod[Path.GetFileName(dir)] = uid;
                _used.Add(uid);
            }
        }
    }

    /// <summary>Whether sandboxes run as uids of their own (the platform is root), rather than as the platform's uid.</summary>
    public bool IsRoot { get; }

    /// <summary>The host uid (and gid) for a pod's sandbox, or null when sandboxes run as the platform's own user.</summary>
    /// <exception cref="InvalidOperationException">Every uid of the range is taken.</exception>
    public int? For(string podUid)
    {
        if (!IsRoot)
        {
            return null;
        }

        lock (_lock)
        {
            if (_byPod.TryGetValue(podUid, out var known))
            {
                return known;
            }

            // Start from a hash of the pod so that uids are spread out, then take the next free one.
            var start = (int)((uint)StringComparer.Ordinal.GetHashCode(podUid) % (uint)_count);
            for (var i = 0; i < _count; i++)
            {
                var uid = _first + ((start + i) % _count);
                if (_used.Add(uid))
                {
                    _byPod[podUid] = uid;
                    return uid;
                }
            }

            throw new InvalidOperationException($"all {_count} sandbox uids from {_first} are in use");
        }
    }

    /// <summary>Gives a deleted pod's uid back.</summary>
    public void Release(string podUid)
    {
        lock (_lock)
        {
            if (_byPod.Remove(podUid, out var uid))
            {
                _used.Remove(uid);
            }
        }
    }

    private bool InRange(int uid) => uid >= _first && uid < _first + _count;
}
