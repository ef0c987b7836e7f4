using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// A parsed label selector in Kubernetes' string syntax: <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>,
/// <c>a notin (x)</c>, <c>a</c> (exists), <c>!a</c> (does not exist), joined by commas.
/// </summary>
public sealed class LabelSelector
{
    private readonly List<(string Key, string Operator, string[] Values)> _requirements;

    private LabelSelector(List<(string Key, string Operator, string[] Values)> requirements) => _requirements = requirements;

    /// <summary>The selector that matches everything.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>Parses a selector; throws a 400 <see cref="ApiException"/> that quotes the bad part.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<(string, string, string[])>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>Whether an object's <c>metadata.labels</c> satisfy every requirement.</summary>
    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var labels = obj["metadata"]?["labels"] as JsonObject;
        foreach (var (key, op, values) in _requirements)
        {
            var present = labels is not null && labels.TryGetPropertyValue(key, out var node) && node is not null;
            var value = present ? labels![key]!.ToString() : null;
            var ok = op switch
            {
                "=" => present && value == values[0],
                "!=" => !present || value != values[0],
                "in" => present && values.Contains(value),
                "notin" => !present || !values.Contains(value),
                "exists" => present,
                _ => !present,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static (string, string, string[]) ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Bad(whole, "empty requirement");
        }

        if (part.StartsWith('!'))
        {
            return (CheckKey(part[1..].Trim(), whole), "!exists", []);
        }

        foreach (var op in (string[])["!=", "==", "="])
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                return (CheckKey(part[..at].Trim(), whole), op == "==" ? "=" : op, [part[(at + op.Length)..].Trim()]);
            }
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1)
        {
            return (CheckKey(words[0], whole), "exists", []);
        }

        var rest = words[1];
        foreach (var op in (string[])["notin", "in"])
        {
            if (rest.StartsWith(op, StringComparison.Ordinal))
            {
                var list = rest[op.Length..].Trim();
                if (!list.StartsWith('(') || !list.EndsWith(')'))
                {
                    throw Bad(whole, $"expected a parenthesised value list after '{op}' in \"{part}\"");
                }

                var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries);
                return (CheckKey(words[0], whole), op, values);
            }
        }

        throw Bad(whole, $"unable to parse requirement \"{part}\"");
    }

    private static string CheckKey(string key, string whole) =>
        key.Length == 0 || key.Any(char.IsWhiteSpace) ? throw Bad(whole, $"invalid label key \"{key}\"") : key;

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static ApiException Bad(string whole, string problem) =>
        ApiErrors.BadRequest($"unable to parse requirement: {problem} (labelSelector \"{whole}\")");
}
