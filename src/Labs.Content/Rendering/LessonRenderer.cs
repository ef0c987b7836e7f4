using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Labs.Content.Rendering;

/// <summary>
/// Parses and renders lessons with Markdig (advanced extensions, raw HTML escaped). Task blocks and
/// <c>bash run</c> blocks get the markup the front end binds to; see <see cref="LessonCodeBlockRenderer"/>.
/// </summary>
internal static class LessonRenderer
{
    /// <summary>Key under which the loader attaches the parsed <see cref="LabTask"/> to its fenced block.</summary>
    public static readonly object TaskDataKey = new();

    // Pipelines are immutable once built and safe to share across threads.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    public static bool IsTaskBlock(FencedCodeBlock block) => string.Equals(block.Info, "task", StringComparison.Ordinal);

    public static bool IsRunBlock(FencedCodeBlock block) =>
        string.Equals(block.Info, "bash", StringComparison.Ordinal)
        && (block.Arguments ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("run", StringComparer.Ordinal);

    public static string Render(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var renderer = CreateRenderer(writer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Renders Markdown without the surrounding paragraph, for hints inside task markup.</summary>
    public static string RenderInline(string markdown)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { ImplicitParagraph = true };
        Pipeline.Setup(renderer);
        renderer.Render(Markdown.Parse(markdown, Pipeline));
        writer.Flush();
        return writer.ToString().Trim();
    }

    private static HtmlRenderer CreateRenderer(StringWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        var original = renderer.ObjectRenderers.FindExact<CodeBlockRenderer>()
            ?? throw new InvalidOperationException("Markdig's HTML renderer has no CodeBlockRenderer to extend.");
        renderer.ObjectRenderers.Replace<CodeBlockRenderer>(new LessonCodeBlockRenderer(original));
        return renderer;
    }
}
