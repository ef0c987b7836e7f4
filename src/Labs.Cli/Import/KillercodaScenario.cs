using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cli.Import;

/// <summary>
/// A Killercoda scenario folder as its <c>index.json</c> describes it: title, description, an intro (text and
/// background script), steps (text, verify and background scripts) and a finish text.
/// </summary>
internal sealed record KillercodaScenario(string Title, string Description, string? Time, KillercodaStep Intro, IReadOnlyList<KillercodaStep> Steps, string? FinishText)
{
    /// <summary>Reads <c>index.json</c> and every file it names.</summary>
    /// <exception cref="FormatException">index.json is missing, not JSON, or names a file that is not there; the message says which.</exception>
    public static KillercodaScenario Read(string directory)
    {
        var index = Path.Combine(directory, "index.json");
        if (!File.Exists(index))
            throw new FormatException($"{index}: not found; a Killercoda scenario folder has an index.json");
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(index)) as JsonObject ?? throw new FormatException($"{index}: the file must hold a JSON object");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"{index}:{(ex.LineNumber ?? 0) + 1}:{(ex.BytePositionInLine ?? 0) + 1}: invalid JSON: {ex.Message.Split(" Path:", 2)[0]}");
        }
        var details = root["details"] as JsonObject ?? new JsonObject();
        string? File_(JsonNode? node, string field) => node?[field] is JsonValue value && value.ToString() is { Length: > 0 } name ? ReadFile(directory, name) : null;
        KillercodaStep Step(JsonNode? node, string fallbackTitle) =>
            new((node?["title"] as JsonValue)?.ToString() ?? fallbackTitle, File_(node, "text") ?? "", File_(node, "verify"), File_(node, "background"), File_(node, "foreground"));
        var steps = (details["steps"] as JsonArray ?? []).Select((s, i) => Step(s, $"Step {i + 1}")).ToList();
        return new KillercodaScenario(
            (root["title"] as JsonValue)?.ToString() ?? Path.GetFileName(directory),
            (root["description"] as JsonValue)?.ToString() ?? "",
            (root["time"] as JsonValue)?.ToString(),
            Step(details["intro"], "Introduction"),
            steps,
            File_(details["finish"], "text"));
    }

    private static string ReadFile(string directory, string name)
    {
        var path = Path.GetFullPath(Path.Combine(directory, name));
        if (!path.StartsWith(Path.GetFullPath(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new FormatException($"{Path.Combine(directory, "index.json")}: '{name}' is outside the scenario folder");
        if (!File.Exists(path))
            throw new FormatException($"{Path.Combine(directory, "index.json")}: names '{name}', which does not exist");
        return File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
