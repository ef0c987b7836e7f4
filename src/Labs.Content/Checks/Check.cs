namespace Labs.Content.Checks;

/// <summary>
/// One check of a task, declared in its <c>checks:</c> list. Every kind of check has points (default 1), an optional
/// description (what it verifies, shown with its result) and an optional <c>why</c> (the concept behind it, shown
/// when it fails). The grader evaluates it with the platform's credentials, never from inside the learner's reach.
/// </summary>
public abstract record Check
{
    /// <summary>Points the check earns when it passes; 1 unless given.</summary>
    public int Points { get; init; } = 1;

    /// <summary>What the check verifies, in the author's words; null for the generated one.</summary>
    public string? Description { get; init; }

    /// <summary>The concept behind the check, shown to the learner when it fails; null when not given.</summary>
    public string? Why { get; init; }

    /// <summary>1-based line of the check in lab.md.</summary>
    public required int Line { get; init; }

    /// <summary>Display path of the lab.md that holds the check (e.g. <c>labs/services-101/lab.md</c>).</summary>
    public string File { get; init; } = "lab.md";

    /// <summary>Where the check is written: <c>labs/services-101/lab.md:42</c>.</summary>
    public string Source => $"{File}:{Line}";

    /// <summary>A one-line description for results: the author's, or one made from the check.</summary>
    public string Summary => Description ?? Describe();

    /// <summary>The generated description, e.g. <c>Deployment web exists</c>.</summary>
    protected abstract string Describe();
}
