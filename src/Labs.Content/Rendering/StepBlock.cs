using Markdig.Parsers;
using Markdig.Syntax;

namespace Labs.Content.Rendering;

/// <summary>
/// A step: the <c>```step</c> block that opens it (its YAML in <see cref="Yaml"/>) and every top-level block after it
/// up to the next step, as children.
/// </summary>
internal sealed class StepBlock(BlockParser? parser) : ContainerBlock(parser)
{
    /// <summary>The YAML body of the opening block.</summary>
    public required string Yaml { get; init; }

    /// <summary>The column the fence is indented by.</summary>
    public required int FenceColumn { get; init; }

    /// <summary>Whether the opening block was at the top level of the lesson (steps cannot nest).</summary>
    public bool TopLevel { get; set; } = true;

    /// <summary>The step the loader read from <see cref="Yaml"/>; null until then or when it is malformed.</summary>
    public LabStep? Step { get; set; }
}
