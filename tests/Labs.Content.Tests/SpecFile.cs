namespace Labs.Content.Tests;

/// <summary>
/// Reads rendering spec files (Specs/*.md). A case is a block between a line <c>~~~ example</c> and a line
/// <c>~~~</c>, holding the Markdown input, a line with a single <c>.</c>, and the expected HTML. The case's
/// name is the nearest <c>## heading</c> above it. <c>~~~ example exam</c> (or <c>review</c>) renders the case in that
/// <see cref="LessonMode"/>; the default is <c>lesson</c>. Everything else in the file is commentary.
/// </summary>
internal static class SpecFile
{
    public const string Open = "~~~ example";
    public const string Close = "~~~";
    public const string Separator = ".";

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Specs");

    public static IEnumerable<SpecCase> ReadAll() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.md").Order(StringComparer.Ordinal).SelectMany(Read);

    public static IEnumerable<SpecCase> Read(string path)
    {
        var file = Path.GetFileName(path);
        var lines = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var heading = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                heading = lines[i][3..].Trim();
                continue;
            }
            if (!lines[i].StartsWith(Open, StringComparison.Ordinal))
                continue;
            var mode = Enum.Parse<LessonMode>(lines[i][Open.Length..].Trim() is { Length: > 0 } word ? word : "lesson", ignoreCase: true);
            var start = i;
            var separator = Array.IndexOf(lines, Separator, start + 1);
            var end = Array.IndexOf(lines, Close, start + 1);
            if (separator < 0 || end < 0 || separator > end)
                throw new InvalidDataException($"{file}:{start + 1}: example without a '.' line before its closing '~~~'.");
            yield return new SpecCase(
                file,
                start + 1,
                heading,
                string.Join('\n', lines[(start + 1)..separator]) + "\n",
                string.Join('\n', lines[(separator + 1)..end]),
                mode);
            i = end;
        }
    }
}
