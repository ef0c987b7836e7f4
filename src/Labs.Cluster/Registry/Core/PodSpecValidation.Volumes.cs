using System.Text.Json.Nodes;

namespace Labs.Cluster.Registry.Core;

/// <summary>A pod's volumes and volumeMounts, checked as kube-apiserver's ValidatePodSpec checks them.</summary>
internal static partial class PodSpecValidation
{
    private static readonly string[] HostPathTypes = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"];

    private static void CheckVolumes(JsonObject spec, string path, List<(string, string, string)> causes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var volumes = spec["volumes"] as JsonArray ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            var volume = volumes[i] as JsonObject;
            var at = $"{path}.volumes[{i}]";
            var name = Text(volume?["name"]);
            if (string.IsNullOrEmpty(name))
            {
                causes.Add(("FieldValueRequired", $"{at}.name", "Required value"));
            }
            else if (!names.Add(name))
            {
                causes.Add(("FieldValueDuplicate", $"{at}.name", $"Duplicate value: \"{name}\""));
            }

            if (volume?["hostPath"] is JsonObject hostPath)
            {
                var hostPathPath = Text(hostPath["path"]);
                if (string.IsNullOrEmpty(hostPathPath))
                {
                    causes.Add(("FieldValueRequired", $"{at}.hostPath.path", "Required value"));
                }
                else
                {
                    NoBacksteps(hostPathPath, $"{at}.hostPath.path", causes);
                }

                if (Text(hostPath["type"]) is { } type && !HostPathTypes.Contains(type))
                {
                    causes.Add(("FieldValueNotSupported", $"{at}.hostPath.type",
                        $"Unsupported value: \"{type}\": supported values: {string.Join(", ", HostPathTypes.Select(t => $"\"{t}\""))}"));
                }
            }

            foreach (var source in (string[])["configMap", "secret"])
            {
                var items = volume?[source]?["items"] as JsonArray ?? [];
                for (var j = 0; j < items.Count; j++)
                {
                    var itemPath = Text(items[j]?["path"]);
                    var field = $"{at}.{source}.items[{j}].path";
                    if (string.IsNullOrEmpty(itemPath))
                    {
                        causes.Add(("FieldValueRequired", field, "Required value"));
                        continue;
                    }

                    LocalDescendingPath(itemPath, field, causes);
                    if (itemPath.StartsWith("..", StringComparison.Ordinal))
                    {
                        causes.Add(("FieldValueInvalid", field, $"Invalid value: \"{itemPath}\": must not start with '..'"));
                    }
                }
            }
        }

        foreach (var list in (string[])["initContainers", "containers"])
        {
            var containers = spec[list] as JsonArray ?? [];
            for (var i = 0; i < containers.Count; i++)
            {
                CheckVolumeMounts(containers[i]?["volumeMounts"] as JsonArray ?? [], $"{path}.{list}[{i}].volumeMounts", names, causes);
            }
        }
    }

    private static void CheckVolumeMounts(JsonArray mounts, string path, HashSet<string> volumes, List<(string, string, string)> causes)
    {
        for (var i = 0; i < mounts.Count; i++)
        {
            var mount = mounts[i] as JsonObject;
            var at = $"{path}[{i}]";
            var name = Text(mount?["name"]);
            if (string.IsNullOrEmpty(name))
            {
                causes.Add(("FieldValueRequired", $"{at}.name", "Required value"));
            }
            else if (!volumes.Contains(name))
            {
                causes.Add(("FieldValueNotFound", $"{at}.name", $"Not found: \"{name}\""));
            }

            if (string.IsNullOrEmpty(Text(mount?["mountPath"])))
            {
                causes.Add(("FieldValueRequired", $"{at}.mountPath", "Required value"));
            }

            var subPath = Text(mount?["subPath"]);
            if (!string.IsNullOrEmpty(subPath))
            {
                LocalDescendingPath(subPath, $"{at}.subPath", causes);
            }

            if (Text(mount?["subPathExpr"]) is { Length: > 0 } expression)
            {
                if (!string.IsNullOrEmpty(subPath))
                {
                    causes.Add(("FieldValueInvalid", $"{at}.subPathExpr", $"Invalid value: \"{expression}\": subPathExpr and subPath are mutually exclusive"));
                }

                LocalDescendingPath(expression, $"{at}.subPathExpr", causes);
            }
        }
    }

    /// <summary>validateLocalDescendingPath: relative, and no <c>..</c> element.</summary>
    private static void LocalDescendingPath(string value, string field, List<(string, string, string)> causes)
    {
        if (value.StartsWith('/'))
        {
            causes.Add(("FieldValueInvalid", field, $"Invalid value: \"{value}\": must be a relative path"));
        }

        NoBacksteps(value, field, causes);
    }

    private static void NoBacksteps(string value, string field, List<(string, string, string)> causes)
    {
        if (value.Split('/').Contains(".."))
        {
            causes.Add(("FieldValueInvalid", field, $"Invalid value: \"{value}\": must not contain '..'"));
        }
    }
}
