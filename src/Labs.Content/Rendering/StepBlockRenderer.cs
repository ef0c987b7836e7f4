using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Labs.Content.Rendering;

/// <summary>
/// Renders a step as <c>&lt;section class="step" data-step-id="ID" data-gated="true|false"&gt;&lt;h2 class="step-title"&gt;…&lt;/h2&gt;…&lt;/section&gt;</c>.
/// </summary>
internal sealed class StepBlockRenderer : HtmlObjectRenderer<StepBlock>
{
    protected override void Write(HtmlRenderer renderer, StepBlock obj)
    {
        if (obj.Step is not { } step)
        {
            return;
        }
        renderer.EnsureLine();
        renderer.Write("<section class=\"step\" data-step-id=\"").WriteEscape(step.Id).Write("\" data-gated=\"").Write(step.Gated ? "true" : "false").Write("\">");
        renderer.Write("<h2 class=\"step-title\" id=\"step-").WriteEscape(step.Id).Write("\">").WriteEscape(step.Title).WriteLine("</h2>");
        renderer.WriteChildren(obj);
        renderer.EnsureLine();
        renderer.WriteLine("</section>");
    }
}
