using System.Text;
using System.Text.RegularExpressions;

namespace Labs.Conformance.Tests;

/// <summary>
/// Compares kubectl's output with a case's expected lines: runs of spaces collapsed, line ends trimmed, and the
/// placeholders of <c>Cases/README.md</c> matched as patterns.
/// </summary>
public static partial class OutputPattern
{
    private static readonly Dictionary<string, string> Placeholders = new(StringComparer.Ordinal)
    {
        ["AGE"] = @"(?:\d+[smhdy](?:\d+[smh])?|<unknown>)",
        ["IP"] = @"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}",
        ["UID"] = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
        ["RV"] = @"\d+",
        ["*"] = ".*",
    };

    /// <summary>The lines of <paramref name="actual"/> that do not match, as a readable report, or null when all match.</summary>
    public static string? Mismatch(IReadOnlyList<string> expected, string actual, string ns)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var lines = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n')
            .Select(Normalize).ToList();
        if (lines is [""])
        {
            lines.Clear();
        }

        var want = expected.Select(e => Normalize(e.Replace("{{NS}}", ns, StringComparison.Ordinal))).ToList();
        var ok = lines.Count == want.Count && want.Zip(lines).All(pair => Regex.IsMatch(pair.Second, ToRegex(pair.First)));
        if (ok)
        {
            return null;
        }

        var report = new StringBuilder("expected:\n");
        want.ForEach(w => report.Append("  ").AppendLine(w));
        report.AppendLine("actual:");
        lines.ForEach(l => report.Append("  ").AppendLine(l));
        return report.ToString();
    }

    private static string Normalize(string line) => Spaces().Replace(line, " ").TrimEnd();

    private static string ToRegex(string expected)
    {
        var pattern = new StringBuilder("^");
        var rest = expected;
        while (rest.Length > 0)
        {
            var start = rest.IndexOf("{{", StringComparison.Ordinal);
            var end = start < 0 ? -1 : rest.IndexOf("}}", start, StringComparison.Ordinal);
            if (start < 0 || end < 0 || !Placeholders.TryGetValue(rest[(start + 2)..end], out var placeholder))
            {
                pattern.Append(Regex.Escape(rest));
                break;
            }

            pattern.Append(Regex.Escape(rest[..start])).Append(placeholder);
            rest = rest[(end + 2)..];
        }

        return pattern.Append('$').ToString();
    }

    [GeneratedRegex(" {2,}|\t")]
    private static partial Regex Spaces();
}
