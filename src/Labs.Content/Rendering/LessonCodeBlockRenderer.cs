using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Labs.Content.Rendering;

/// <summary>
/// Renders <c>```task</c> blocks as the interactive task markup and <c>```bash run</c> blocks as copyable
/// commands; every other code block goes to Markdig's own renderer. The exact classes and attributes are a
/// contract with the front end.
/// </summary>
internal sealed class LessonCodeBlockRenderer(CodeBlockRenderer fallback) : HtmlObjectRenderer<CodeBlock>
{
    protected override void Write(HtmlRenderer renderer, CodeBlock obj)
    {
        if (obj is FencedCodeBlock fence && fence.GetData(LessonRenderer.TaskDataKey) is LabTask task)
        {
            WriteTask(renderer, task);
            return;
        }
        if (obj is FencedCodeBlock run && LessonRenderer.IsRunBlock(run))
        {
            renderer.EnsureLine();
            renderer.Write("<pre class=\"run\"><code class=\"language-bash\">");
            renderer.WriteLeafRawLines(run, true, true);
            renderer.WriteLine("</code></pre>");
            return;
        }
        ((IMarkdownObjectRenderer)fallback).Write(renderer, obj);
    }

    private static void WriteTask(HtmlRenderer renderer, LabTask task)
    {
        renderer.EnsureLine();
        renderer.Write("<section class=\"task\" data-task-id=\"").WriteEscape(task.Id).Write("\">");
        renderer.Write("<h3 class=\"task-title\">").WriteEscape(task.Title).Write("</h3>");
        if (task.Hint is not null)
            renderer.Write("<div class=\"task-hint\">").Write(LessonRenderer.RenderInline(task.Hint)).Write("</div>");
        renderer.Write("<button type=\"button\" class=\"check\" data-task-id=\"").WriteEscape(task.Id).Write("\">Check</button>");
        renderer.Write("<div class=\"task-result\" role=\"status\" aria-live=\"polite\"></div>");
        renderer.WriteLine("</section>");
    }
}
