using Markdig.Parsers;
using Markdig.Syntax;

namespace Labs.Content.Rendering;

/// <summary>A <c>```task</c> block: its YAML body and, once the loader has read it, the task.</summary>
internal sealed class TaskBlock(BlockParser? parser) : LeafBlock(parser)
{
    /// <summary>The YAML body as written.</summary>
    public required string Yaml { get; init; }

    /// <summary>The column the fence is indented by.</summary>
    public required int FenceColumn { get; init; }

    /// <summary>The task the loader read from <see cref="Yaml"/>; null until then or when it is malformed.</summary>
    public LabTask? Task { get; set; }
}
