using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Schema;

/// <summary>Locates ../shared/fixtures and normalizes JSON for semantic comparison.</summary>
internal static class SchemaFixtures
{
    public static string Root { get; } = FindRoot();

    public static string KubectlProtobuf => Path.Combine(Root, "kubectl-protobuf");

    public static string RoundTrip => Path.Combine(Root, "k8s-roundtrip");

    public static byte[] KubectlBody(string name)
    {
        JsonNode request = JsonNode.Parse(File.ReadAllText(Path.Combine(KubectlProtobuf, name + ".request.json")))!;
        return Convert.FromHexString(request["bodyHex"]!.GetValue<string>());
    }

    public static JsonObject KubectlExpected(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(KubectlProtobuf, name + ".expected.json")))!.AsObject();

    /// <summary>
    /// The recorded bodies of <c>create deployment|job|cronjob ... -- CMD</c> carry the recorder's own
    /// <c>--dry-run=client -o json</c> after the command (the expected JSON does not): cut them off.
    /// </summary>
    public static void DropRecorderArguments(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["command"] is JsonArray command)
                {
                    int cut = command.Select(n => n?.ToJsonString()).ToList().IndexOf("\"--dry-run=client\"");
                    while (cut >= 0 && command.Count > cut)
                    {
                        command.RemoveAt(cut);
                    }
                }

                foreach (var (_, value) in obj)
                {
                    DropRecorderArguments(value);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    DropRecorderArguments(item);
                }

                break;
        }
    }

    /// <summary>Sorted-key JSON without null leaves and empty objects (client-side noise such as <c>status: {}</c>).</summary>
    public static string Canonical(JsonNode? node) => Write(Prune(node?.DeepClone()));

    private static JsonNode? Prune(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (string key in obj.Select(p => p.Key).ToList())
                {
                    JsonNode? pruned = Prune(obj[key]);
                    if (pruned is null || (pruned is JsonObject o && o.Count == 0))
                    {
                        obj.Remove(key);
                    }
                    else if (!ReferenceEquals(pruned, obj[key]))
                    {
                        obj[key] = pruned;
                    }
                }

                return obj;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    array[i] = Prune(array[i]?.DeepClone());
                }

                return array;
            default:
                return node;
        }
    }

    private static string Write(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonValue.Create(p.Key).ToJsonString() + ":" + Write(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Write)) + "]",
        _ => NormalizeNumber(node.ToJsonString()),
    };

    private static string NormalizeNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !text.StartsWith('"')
            ? d.ToString("R", CultureInfo.InvariantCulture)
            : text;

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Labs.sln")))
        {
            dir = dir.Parent;
        }

        string start = dir?.FullName ?? "/work/main";
        return Path.GetFullPath(Path.Combine(start, "..", "shared", "fixtures"));
    }
}
