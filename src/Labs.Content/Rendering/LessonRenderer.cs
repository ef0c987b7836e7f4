using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace Labs.Content.Rendering;

/// <summary>
/// Parses and renders lessons with Markdig (advanced extensions, raw HTML escaped) and the lab extensions
/// (<see cref="LabBlocksExtension"/>, <see cref="CodeActionsExtension"/>), one pipeline per <see cref="LessonMode"/>.
/// </summary>
internal static class LessonRenderer
{
    // Pipelines are immutable once built and safe to share across threads.
    private static readonly Dictionary<LessonMode, MarkdownPipeline> Pipelines =
        Enum.GetValues<LessonMode>().ToDictionary(m => m, Build);

    // Hints, solutions and explanations are plain Markdown: no lab blocks inside them.
    private static readonly MarkdownPipeline Plain = BuildPlain();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipelines[LessonMode.Lesson]);

    public static string Render(MarkdownDocument document, LessonMode mode)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipelines[mode].Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Renders Markdown without the surrounding paragraph, for hints inside task markup.</summary>
    public static string RenderInline(string markdown)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer) { ImplicitParagraph = true };
        Plain.Setup(renderer);
        renderer.Render(Markdown.Parse(markdown, Plain));
        writer.Flush();
        return writer.ToString().Trim();
    }

    /// <summary>Renders Markdown blocks (paragraphs, lists, code), for solutions and explanations.</summary>
    public static string RenderBlocks(string markdown) => Markdown.ToHtml(markdown, Plain);

    private static MarkdownPipeline BuildPlain()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml();
        builder.Extensions.AddIfNotAlready<CodeActionsExtension>();
        return builder.Build();
    }

    private static MarkdownPipeline Build(LessonMode mode)
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml();
        builder.Extensions.AddIfNotAlready(new LabBlocksExtension(mode));
        builder.Extensions.AddIfNotAlready<CodeActionsExtension>();
        return builder.Build();
    }
}
