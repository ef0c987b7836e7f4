namespace Labs.Sessions;

/// <summary>Commands the platform execs in a learner's toolbox.</summary>
public static class ToolboxCommands
{
    /// <summary>
    /// Runs the script written to its standard input with bash, as the learner, in their home (a real cluster's image
    /// may start exec in <c>/</c>), so a lab's setup and solution scripts find its files at relative paths.
    /// </summary>
    public static IReadOnlyList<string> Script { get; } = ["bash", "-c", "cd \"$HOME\" 2>/dev/null; exec bash -s"];
}
