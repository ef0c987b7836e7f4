using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Cluster.Workloads.Exec;
using Labs.Cluster.Workloads.Isolation;

namespace Labs.Cluster.Workloads;

/// <summary>
/// A container's volumeMounts as the kubelet makes them: each volume's directory, its <c>subPath</c> (or
/// <c>subPathExpr</c> expanded from the container's environment) resolved inside the volume, and read-only for
/// configMap, secret, downwardAPI and projected volumes whatever the mount says. The same resolution serves the
/// container's start (where a bad subPath is the container's CreateContainerConfigError) and every exec.
/// </summary>
internal static partial class ContainerMounts
{
    /// <summary>
    /// Opens every mount of the container; the caller disposes the handles. Mounts of volume kinds the simulated
    /// kubelet does not provide are left out.
    /// </summary>
    /// <exception cref="SubPathException">A subPath is refused; the message is what the kubelet reports.</exception>
    public static List<SandboxMount> Open(JsonObject pod, JsonObject container, string podDirectory, string dataDirectory, int? ownerUid)
    {
        var volumes = pod.Arr("spec", "volumes").Objects().ToDictionary(v => v.Str("name") ?? "", StringComparer.Ordinal);
        var environment = container.Arr("env").Objects()
            .Where(e => e.Str("name") is { Length: > 0 } && e.Str("value") is not null)
            .GroupBy(e => e.Str("name")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Str("value")!, StringComparer.Ordinal);
        var mounts = new List<SandboxMount>();
        try
        {
            foreach (var mount in container.Arr("volumeMounts").Objects())
            {
                var name = mount.Str("name") ?? "";
                var mountPath = mount.Str("mountPath");
                if (!volumes.TryGetValue(name, out var volume) || string.IsNullOrEmpty(mountPath) || !mountPath.StartsWith('/')
                    || PodVolumes.Source(pod, volume, podDirectory, dataDirectory) is not { } source || !Directory.Exists(source.Root))
                {
                    continue;
                }

                var subPath = mount.Str("subPath") is { Length: > 0 } fixedPath ? fixedPath
                    : mount.Str("subPathExpr") is { Length: > 0 } expression ? Expand(expression, environment)
                    : "";
                if (SubPaths.TextError(subPath) is { } textError)
                {
                    throw new SubPathException(textError);
                }

                var path = string.Join('/', new[] { source.Path, subPath }.Where(p => p.Length > 0));
                SandboxMount opened;
                try
                {
                    var writable = PodVolumes.IsWritable(volume) && !(mount["readOnly"] is JsonValue ro && ro.TryGetValue<bool>(out var r) && r);
                    opened = new SandboxMount(SubPaths.Open(source.Root, path, ownerUid), mountPath, !writable);
                }
                catch (SubPathException e)
                {
                    // As the kubelet: the learner hears which mount failed, never the host paths involved.
                    throw new SubPathException($"failed to prepare subPath for volumeMount \"{name}\" of container \"{container.Str("name")}\"", e);
                }

                mounts.Add(opened);
            }
        }
        catch
        {
            foreach (var opened in mounts)
            {
                opened.Source.Dispose();
            }

            throw;
        }

        return mounts;
    }

    /// <summary>
    /// Expands <c>$(VAR)</c> from the container's environment as Kubernetes does: <c>$$</c> escapes a dollar, and an
    /// unknown variable stays as written.
    /// </summary>
    public static string Expand(string expression, IReadOnlyDictionary<string, string> environment) =>
        Reference().Replace(expression, m => m.Value == "$$" ? "$" : environment.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    [GeneratedRegex(@"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)")]
    private static partial Regex Reference();
}
