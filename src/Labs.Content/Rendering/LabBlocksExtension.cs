using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Labs.Content.Rendering;

/// <summary>
/// The lab blocks of a lesson: after parsing, every <c>```task</c> fence becomes a <see cref="TaskBlock"/> and every
/// <c>```step</c> fence opens a <see cref="StepBlock"/> that holds what follows it up to the next step; the HTML
/// renderer gets their renderers for one <see cref="LessonMode"/>.
/// </summary>
internal sealed class LabBlocksExtension(LessonMode mode) : IMarkdownExtension
{
    public const string TaskInfo = "task";
    public const string StepInfo = "step";

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        pipeline.DocumentProcessed -= Promote;
        pipeline.DocumentProcessed += Promote;
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            html.ObjectRenderers.InsertBefore<Markdig.Renderers.Html.CodeBlockRenderer>(new TaskBlockRenderer(mode));
            html.ObjectRenderers.InsertBefore<Markdig.Renderers.Html.CodeBlockRenderer>(new StepBlockRenderer());
        }
    }

    private static void Promote(MarkdownDocument document)
    {
        foreach (var fence in document.Descendants<FencedCodeBlock>().ToList())
        {
            var info = fence.Info;
            if (info is not (TaskInfo or StepInfo) || fence.Parent is not { } parent)
                continue;
            var index = parent.IndexOf(fence);
            Block replacement = info == TaskInfo
                ? new TaskBlock(null) { Yaml = fence.Lines.ToString(), FenceColumn = fence.Column }
                : new StepBlock(null) { Yaml = fence.Lines.ToString(), FenceColumn = fence.Column, TopLevel = parent is MarkdownDocument };
            replacement.Line = fence.Line;
            replacement.Column = fence.Column;
            replacement.Span = fence.Span;
            parent[index] = replacement;
        }
        GroupSteps(document);
    }

    /// <summary>Moves every top-level block after a step's opening block into that step, up to the next step.</summary>
    private static void GroupSteps(MarkdownDocument document)
    {
        StepBlock? current = null;
        for (var i = 0; i < document.Count;)
        {
            if (document[i] is StepBlock step)
            {
                current = step;
                i++;
                continue;
            }
            if (current is null)
            {
                i++;
                continue;
            }
            var block = document[i];
            document.RemoveAt(i);
            current.Add(block);
        }
    }
}
