namespace Labs.Content;

/// <summary>Where the lab library lives; bound to configuration section <c>Content</c>.</summary>
public sealed class ContentOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "Content";

    /// <summary>
    /// Folder holding one sub-folder per lab. Default (when empty): the <c>labs</c> folder next to
    /// <c>Labs.sln</c>, found by walking up from the host's content root and then from the app's base
    /// directory; if there is no such folder, <c>labs</c> relative to the current directory.
    /// Relative paths are taken relative to the current directory. Must exist at startup.
    /// </summary>
    public string LabsDirectory { get; set; } = "";

    /// <summary>
    /// Whether to reload the labs whenever a file under <see cref="LabsDirectory"/> changes (<c>labs serve</c> turns it on
    /// for authoring; open pages then reload themselves). Default false.
    /// </summary>
    public bool Watch { get; set; }
}
