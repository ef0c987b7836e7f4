namespace Labs.Sessions;

/// <summary>
/// The bash script that checks the toolbox has every command a lab needs (front matter <c>tools:</c>), run before
/// anything of the lab's, so a toolbox image without <c>helm</c> fails the start with that reason instead of a lesson
/// whose first command is "not found".
/// </summary>
public static class RequiredToolsScript
{
    /// <summary>Its exit code when a command is missing; it prints the missing names, one per line, and nothing else.</summary>
    public const int MissingExitCode = 3;

    /// <summary>The script for <paramref name="tools"/> (command names).</summary>
    /// <exception cref="ArgumentException">A name is not a plain command name.</exception>
    public static string For(IReadOnlyList<string> tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        foreach (var tool in tools.Where(t => t.Length == 0 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '+')))
            throw new ArgumentException($"'{tool}' is not a command name", nameof(tools));
        return $"missing=0\nfor tool in {string.Join(' ', tools)}; do command -v \"$tool\" >/dev/null 2>&1 || {{ echo \"$tool\"; missing=1; }}; done\n" +
            $"[ \"$missing\" = 0 ] || exit {MissingExitCode}\n";
    }
}
