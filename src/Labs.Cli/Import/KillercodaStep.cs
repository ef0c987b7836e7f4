namespace Labs.Cli.Import;

/// <summary>One part of a Killercoda scenario: its title, Markdown text and scripts (null when it has none).</summary>
internal sealed record KillercodaStep(string Title, string Text, string? Verify, string? Background, string? Foreground);
