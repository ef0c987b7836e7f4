using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>
/// Writes a pod's <c>secret</c>, <c>configMap</c> and <c>emptyDir</c> volumes as files under
/// <c>&lt;pod dir&gt;/volumes/&lt;volume name&gt;/</c>, where exec sessions bind them at each mountPath.
/// </summary>
internal static class PodVolumes
{
    private const int DefaultMode = 420; // 0644

    public static string VolumeDirectory(string podDirectory, string volumeName) => Path.Combine(podDirectory, "volumes", volumeName);

    /// <summary>Materialises every supported volume; returns a kubelet-style mount error, or null when all are in place.</summary>
    public static string? Materialize(IObjectStore store, JsonObject pod, string podDirectory)
    {
        var ns = pod.Namespace();
        Directory.CreateDirectory(podDirectory);
        foreach (var volume in pod.Arr("spec", "volumes").Objects())
        {
            var name = volume.Str("name");
            if (string.IsNullOrEmpty(name) || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            {
                continue;
            }

            var dir = VolumeDirectory(podDirectory, name);
            if (volume.Obj("emptyDir") is not null)
            {
                Directory.CreateDirectory(dir);
            }
            else if (volume.Obj("secret") is { } secretSource)
            {
                var secretName = secretSource.Str("secretName") ?? "";
                var secret = store.Get(WorkloadResources.Secrets, ns, secretName);
                if (secret is null && !IsOptional(secretSource))
                {
                    return $"MountVolume.SetUp failed for volume \"{name}\" : secret \"{secretName}\" not found";
                }

                var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                foreach (var (key, value) in secret.Obj("data") ?? [])
                {
                    data[key] = Decode(value);
                }

                WriteFiles(dir, data, secretSource);
            }
            else if (volume.Obj("configMap") is { } mapSource)
            {
                var mapName = mapSource.Str("name") ?? "";
                var map = store.Get(WorkloadResources.ConfigMaps, ns, mapName);
                if (map is null && !IsOptional(mapSource))
                {
                    return $"MountVolume.SetUp failed for volume \"{name}\" : configmap \"{mapName}\" not found";
                }

                var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
                foreach (var (key, value) in map.Obj("data") ?? [])
                {
                    data[key] = Encoding.UTF8.GetBytes(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "");
                }

                foreach (var (key, value) in map.Obj("binaryData") ?? [])
                {
                    data[key] = Decode(value);
                }

                WriteFiles(dir, data, mapSource);
            }
        }

        return null;
    }

    private static bool IsOptional(JsonObject source) =>
        source["optional"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static byte[] Decode(JsonNode? value)
    {
        if (value is not JsonValue v || !v.TryGetValue<string>(out var s))
        {
            return [];
        }

        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return Encoding.UTF8.GetBytes(s);
        }
    }

    private static void WriteFiles(string dir, Dictionary<string, byte[]> data, JsonObject source)
    {
        Directory.CreateDirectory(dir);
        var defaultMode = (int)(source.Long("defaultMode") ?? DefaultMode);
        var items = source.Arr("items");
        IEnumerable<(string Key, string Path, int Mode)> files = items is null
            ? data.Keys.Select(k => (k, k, defaultMode))
            : items.Objects().Select(i => (i.Str("key") ?? "", i.Str("path") ?? i.Str("key") ?? "", (int)(i.Long("mode") ?? defaultMode)));
        var root = Path.GetFullPath(dir) + Path.DirectorySeparatorChar;
        foreach (var (key, relative, mode) in files)
        {
            if (!data.TryGetValue(key, out var bytes) || relative.Length == 0)
            {
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(dir, relative));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                continue; // A path like ../../x would escape the volume; the API rejects it, so never write it.
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllBytes(target, bytes);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, (UnixFileMode)(mode & 0x1FF));
            }
        }
    }
}
