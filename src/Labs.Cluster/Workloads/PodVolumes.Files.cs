using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Admission;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Workloads;

/// <summary>The files of configMap, secret, downwardAPI and projected volumes, as the kubelet writes them.</summary>
internal static partial class PodVolumes
{
    private const int DefaultMode = 420; // 0644

    /// <summary>A file of a volume: its path inside the volume, content and mode.</summary>
    private readonly record struct VolumeFile(string Path, byte[] Data, int Mode);

    /// <summary>Volumes whose files the kubelet writes (and mounts read-only).</summary>
    private static bool IsFileVolume(JsonObject volume) =>
        volume.Obj("secret") is not null || volume.Obj("configMap") is not null || volume.Obj("downwardAPI") is not null || volume.Obj("projected") is not null;

    /// <summary>The files of a file volume, or null for other kinds; <paramref name="error"/> says why they cannot be made.</summary>
    private static List<VolumeFile>? Files(IObjectStore store, JsonObject pod, JsonObject volume, out string? error)
    {
        error = null;
        var files = new List<VolumeFile>();
        if (volume.Obj("secret") is { } secret)
        {
            error = AddKeyed(files, store, pod, "secret", secret, DefaultModeOf(secret));
        }
        else if (volume.Obj("configMap") is { } map)
        {
            error = AddKeyed(files, store, pod, "configMap", map, DefaultModeOf(map));
        }
        else if (volume.Obj("downwardAPI") is { } downward)
        {
            error = AddDownwardApi(files, pod, downward, DefaultModeOf(downward));
        }
        else if (volume.Obj("projected") is { } projected)
        {
            var mode = DefaultModeOf(projected);
            foreach (var source in projected.Arr("sources").Objects())
            {
                error ??= source.Obj("secret") is { } s ? AddKeyed(files, store, pod, "secret", s, mode)
                    : source.Obj("configMap") is { } m ? AddKeyed(files, store, pod, "configMap", m, mode)
                    : source.Obj("downwardAPI") is { } d ? AddDownwardApi(files, pod, d, mode)
                    : null; // serviceAccountToken and clusterTrustBundle sources are not simulated: their files are absent.
            }
        }
        else
        {
            return null;
        }

        return files;
    }

    private static int DefaultModeOf(JsonObject source) => (int)(source.Long("defaultMode") ?? DefaultMode);

    /// <summary>A secret's or config map's keys as files (all of them, or its <c>items</c>); an error when it is missing.</summary>
    private static string? AddKeyed(List<VolumeFile> files, IObjectStore store, JsonObject pod, string kind, JsonObject source, int defaultMode)
    {
        var name = (kind == "secret" ? source.Str("secretName") ?? source.Str("name") : source.Str("name")) ?? "";
        var obj = store.Get(kind == "secret" ? WorkloadResources.Secrets : WorkloadResources.ConfigMaps, pod.Namespace(), name);
        if (obj is null)
        {
            return source["optional"] is JsonValue v && v.TryGetValue<bool>(out var optional) && optional
                ? null
                : $"{kind.ToLowerInvariant()} \"{name}\" not found";
        }

        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (kind == "configMap")
        {
            foreach (var (key, value) in obj.Obj("data") ?? [])
            {
                data[key] = Encoding.UTF8.GetBytes(value is JsonValue v && v.TryGetValue<string>(out var s) ? s : "");
            }
        }

        foreach (var (key, value) in obj.Obj(kind == "configMap" ? "binaryData" : "data") ?? [])
        {
            data[key] = Decode(value);
        }

        if (source.Arr("items") is not { } items)
        {
            files.AddRange(data.Select(d => new VolumeFile(d.Key, d.Value, defaultMode)));
            return null;
        }

        foreach (var item in items.Objects())
        {
            if (data.TryGetValue(item.Str("key") ?? "", out var bytes))
            {
                files.Add(new VolumeFile(item.Str("path") ?? item.Str("key")!, bytes, (int)(item.Long("mode") ?? defaultMode)));
            }
        }

        return null;
    }

    /// <summary>downwardAPI items: pod fields (name, namespace, uid, labels, annotations) and container resources.</summary>
    private static string? AddDownwardApi(List<VolumeFile> files, JsonObject pod, JsonObject source, int defaultMode)
    {
        foreach (var item in source.Arr("items").Objects())
        {
            var value = item.Obj("fieldRef") is { } fieldRef ? DownwardApi.FieldValue(pod, fieldRef.Str("fieldPath") ?? "")
                : item.Obj("resourceFieldRef") is { } resource ? DownwardApi.ResourceValue(pod, pod.Arr("spec", "containers").Objects().FirstOrDefault(), resource)
                : null;
            if (value is null)
            {
                return $"error processing downwardAPI item {item.Str("path")}: unsupported fieldPath or resource";
            }

            files.Add(new VolumeFile(item.Str("path") ?? "", Encoding.UTF8.GetBytes(value), (int)(item.Long("mode") ?? defaultMode)));
        }

        return null;
    }

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
}
