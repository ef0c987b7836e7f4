using System.ComponentModel.DataAnnotations;

namespace Labs.Terminal;

/// <summary>Limits of the browser terminal. Bound from the configuration section <c>Terminal</c>.</summary>
public sealed class TerminalOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Terminal";

    /// <summary>
    /// Most shells attached to one session at once (each browser tab or reconnecting page holds one); one more is
    /// refused with an <c>Error</c> telling the learner to close one. Default 4.
    /// </summary>
    [Range(1, 100)]
    public int MaxShellsPerSession { get; set; } = 4;
}
