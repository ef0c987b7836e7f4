namespace Labs.Grading.Evaluation;

/// <summary>How a command ended: its exit code (null when it was stopped at its time limit) and its output.</summary>
internal sealed record CommandOutput(int? ExitCode, string Stdout, string Stderr)
{
    /// <summary>The last lines of stderr (or stdout when stderr is empty), for messages.</summary>
    public string Tail
    {
        get
        {
            var text = (Stderr.Trim().Length > 0 ? Stderr : Stdout).Trim();
            var lines = text.Split('\n');
            var tail = string.Join(" ", lines.TakeLast(3).Select(l => l.Trim()));
            return tail.Length <= 300 ? tail : string.Concat("…", tail.AsSpan(tail.Length - 299));
        }
    }
}
