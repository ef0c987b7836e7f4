using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Labs.Content.Rendering;

/// <summary>
/// Code blocks with an action: <c>```bash run</c> (typed into the terminal on click) renders as
/// <c>&lt;pre class="run"&gt;</c>, <c>```yaml copy</c> (copied to the clipboard) as <c>&lt;pre class="copy"&gt;</c>,
/// with the language class Markdig gives any code block. Other code blocks render as Markdig renders them.
/// </summary>
internal sealed class CodeActionsExtension : IMarkdownExtension
{
    /// <summary>The actions, as the word after the language.</summary>
    public static readonly string[] Actions = ["run", "copy"];

    public void Setup(MarkdownPipelineBuilder pipeline)
    {
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && html.ObjectRenderers.FindExact<CodeBlockRenderer>() is { } original)
        {
            html.ObjectRenderers.Replace<CodeBlockRenderer>(new CodeActionRenderer(original));
        }
    }

    /// <summary>The action of a fence (<c>run</c>, <c>copy</c>), or null.</summary>
    public static string? ActionOf(FencedCodeBlock block) =>
        (block.Arguments ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(a => Actions.Contains(a, StringComparer.Ordinal));

    private sealed class CodeActionRenderer(CodeBlockRenderer fallback) : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            if (obj is FencedCodeBlock fence && !string.IsNullOrEmpty(fence.Info) && ActionOf(fence) is { } action)
            {
                renderer.EnsureLine();
                renderer.Write("<pre class=\"").Write(action).Write("\"><code class=\"language-").WriteEscape(fence.Info).Write("\">");
                renderer.WriteLeafRawLines(fence, true, true);
                renderer.WriteLine("</code></pre>");
                return;
            }
            ((IMarkdownObjectRenderer)fallback).Write(renderer, obj);
        }
    }
}
