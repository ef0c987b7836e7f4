using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Writes a pod's <c>secret</c>, <c>configMap</c>, <c>downwardAPI</c>, <c>projected</c> and <c>emptyDir</c> volumes under
/// <c>&lt;pod dir&gt;/volumes/&lt;volume name&gt;/</c>, owned by the pod's sandbox user, and prepares its
/// <c>hostPath</c> volumes inside the simulated root of its node (never the machine's own filesystem).
/// </summary>
internal static partial class PodVolumes
{
    private const uint HostPathMode = 0x1FF; // 0777: pods of one namespace run as different users and share these.

    public static string VolumeDirectory(string podDirectory, string volumeName) => Path.Combine(podDirectory, "volumes", volumeName);

    /// <summary>
    /// The simulated root filesystem of a node for one namespace's pods: hostPath volumes live there. Each namespace
    /// has its own, so one learner's hostPath files are never another learner's.
    /// </summary>
    public static string NodeRoot(string dataDirectory, string node, string ns) =>
        Path.Combine(Path.GetFullPath(dataDirectory), "nodes", node, ns);

    /// <summary>
    /// Where a volume's files are: a directory and a path inside it (empty, or a hostPath's path); null for kinds that
    /// the simulated kubelet does not provide.
    /// </summary>
    public static (string Root, string Path)? Source(JsonObject pod, JsonObject volume, string podDirectory, string dataDirectory)
    {
        var name = volume.Str("name") ?? "";
        if (volume.Obj("hostPath") is { } hostPath)
        {
            var root = NodeRoot(dataDirectory, pod.Str("spec", "nodeName") ?? "", pod.Namespace() ?? "");
            return (root, (hostPath.Str("path") ?? "").TrimStart('/'));
        }

        return volume.Obj("emptyDir") is not null || IsFileVolume(volume)
            ? (VolumeDirectory(podDirectory, name), "")
            : null;
    }

    /// <summary>Whether the sandbox may write to the volume (subject to the mount's own readOnly).</summary>
    public static bool IsWritable(JsonObject volume) => volume.Obj("emptyDir") is not null || volume.Obj("hostPath") is not null;

    /// <summary>Materialises every supported volume; returns a kubelet-style mount error, or null when all are in place.</summary>
    public static string? Materialize(IObjectStore store, JsonObject pod, string podDirectory, string dataDirectory, int? ownerUid)
    {
        Directory.CreateDirectory(podDirectory);
        foreach (var volume in pod.Arr("spec", "volumes").Objects())
        {
            var name = volume.Str("name");
            if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            {
                continue;
            }

            var dir = VolumeDirectory(podDirectory, name);
            string? error = null;
            if (volume.Obj("emptyDir") is not null)
            {
                Directory.CreateDirectory(dir);
                Chown(dir, ownerUid);
            }
            else if (volume.Obj("hostPath") is { } hostPath)
            {
                error = PrepareHostPath(pod, hostPath, dataDirectory, ownerUid);
            }
            else if (Files(store, pod, volume, out error) is { } files && error is null)
            {
                WriteTree(dir, files, ownerUid);
            }

            if (error is not null)
            {
                return $"MountVolume.SetUp failed for volume \"{name}\" : {error}";
            }
        }

        return null;
    }

    /// <summary>Checks or creates a hostPath inside the node's simulated root, by the rules of its <c>type</c>.</summary>
    private static string? PrepareHostPath(JsonObject pod, JsonObject hostPath, string dataDirectory, int? ownerUid)
    {
        var path = hostPath.Str("path") ?? "";
        var type = hostPath.Str("type") ?? "";
        var root = Directory.CreateDirectory(NodeRoot(dataDirectory, pod.Str("spec", "nodeName") ?? "", pod.Namespace() ?? "")).FullName;
        for (var dir = root; dir.Length > Path.GetFullPath(dataDirectory).Length; dir = Path.GetDirectoryName(dir)!)
        {
            File.SetUnixFileMode(dir, (UnixFileMode)0x1C9); // 0711: sandbox users pass through, nobody lists.
        }

        var relative = path.TrimStart('/');
        try
        {
            switch (type)
            {
                case "" or "DirectoryOrCreate":
                    SubPaths.Open(root, relative, ownerUid, HostPathMode).Dispose();
                    return null;
                case "Directory":
                case "File":
                case "Socket":
                case "CharDevice":
                case "BlockDevice":
                    return CheckType(root, relative, path, type, ownerUid);
                case "FileOrCreate":
                    return CreateFile(root, relative, path, ownerUid);
                default:
                    return $"hostPath type check failed: unknown type {type}";
            }
        }
        catch (SubPathException)
        {
            return $"hostPath type check failed: {path} is not within the node's filesystem";
        }
    }

    private static string? CheckType(string root, string relative, string path, string type, int? ownerUid)
    {
        var exists = true;
        int? fileType = null;
        try
        {
            using var handle = SubPaths.Open(root, relative, ownerUid, create: false);
            fileType = FileCalls.TypeOf((int)handle.DangerousGetHandle());
        }
        catch (FileNotFoundException)
        {
            exists = false;
        }

        return type switch
        {
            "Directory" when exists && fileType == FileCalls.SIfDir => null,
            "Directory" => $"hostPath type check failed: {path} is not a directory",
            "File" when exists && fileType == FileCalls.SIfReg => null,
            "File" => $"hostPath type check failed: {path} is not a file",
            "Socket" => $"hostPath type check failed: {path} is not a socket file",
            "CharDevice" => $"hostPath type check failed: {path} is not a character device",
            _ => $"hostPath type check failed: {path} is not a block device",
        };
    }

    private static string? CreateFile(string root, string relative, string path, int? ownerUid)
    {
        var parent = Path.GetDirectoryName(relative) ?? "";
        var name = Path.GetFileName(relative);
        using var directory = SubPaths.Open(root, parent, ownerUid, HostPathMode);
        var fd = (int)directory.DangerousGetHandle();
        var made = name.Length == 0 ? -FileCalls.EExist : FileCalls.CreateFileAt(fd, name, 0x1B6 /* 0666 */);
        if (made == 0 && ownerUid is { } uid)
        {
            _ = FileCalls.ChownAt(fd, name, uid, uid);
        }

        return made is 0 or -FileCalls.EExist ? null : $"hostPath type check failed: cannot create {path}";
    }

    private static void Chown(string path, int? ownerUid)
    {
        if (ownerUid is { } uid)
        {
            _ = FileCalls.ChownAt(FileCalls.AtFdCwd, path, uid, uid);
        }
    }

    /// <summary>Writes a volume's files; the directory is the kubelet's (always mounted read-only), so no learner can plant a link in it.</summary>
    private static void WriteTree(string dir, IEnumerable<VolumeFile> files, int? ownerUid)
    {
        Directory.CreateDirectory(dir);
        Chown(dir, ownerUid);
        var root = Path.GetFullPath(dir) + Path.DirectorySeparatorChar;
        foreach (var (relative, bytes, mode) in files)
        {
            var target = Path.GetFullPath(Path.Combine(dir, relative));
            if (relative.Length == 0 || !target.StartsWith(root, StringComparison.Ordinal))
            {
                continue; // A path like ../../x would escape the volume; the API rejects it, so never write it.
            }

            for (var parent = Path.GetDirectoryName(target)!; parent.Length >= root.Length; parent = Path.GetDirectoryName(parent)!)
            {
                Directory.CreateDirectory(parent);
                Chown(parent, ownerUid);
            }

            File.WriteAllBytes(target, bytes);
            File.SetUnixFileMode(target, (UnixFileMode)(mode & 0x1FF));

            // The sandbox user reads its own files, as a container reads them as its user (even with mode 0600).
            Chown(target, ownerUid);
        }
    }
}
