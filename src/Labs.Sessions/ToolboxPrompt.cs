namespace Labs.Sessions;

/// <summary>What marks the toolbox shell's prompt in its output, for code that waits until the shell takes input.</summary>
public static class ToolboxPrompt
{
    /// <summary>
    /// The OSC 133 "prompt starts" mark (terminals' shell integration) that begins every prompt of the toolbox's bashrc;
    /// the page reads the same marks to tell a running command from a prompt.
    /// </summary>
    public const string Mark = "\u001b]133;A\u0007";
}
