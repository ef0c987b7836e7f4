using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace Labs.Content.Rendering;

/// <summary>
/// Renders a task as the markup the front end binds to. The YAML is never shown; what else is in the page depends on
/// the mode: a lesson has its hints hidden, to be revealed one at a time, a collapsed solution and a hidden
/// explanation (shown once the task passes); an exam in progress has none of them in the page at all; a review shows
/// them all. The exact classes and attributes are a contract with the front end (docs/authoring.md).
/// </summary>
internal sealed class TaskBlockRenderer(LessonMode mode) : HtmlObjectRenderer<TaskBlock>
{
    protected override void Write(HtmlRenderer renderer, TaskBlock obj)
    {
        if (obj.Task is not { } task)
        {
            return;
        }
        renderer.EnsureLine();
        renderer.Write("<section class=\"task\" data-task-id=\"").WriteEscape(task.Id).Write("\" data-points=\"").Write(task.Points.ToString(System.Globalization.CultureInfo.InvariantCulture)).Write("\">");
        renderer.Write("<h3 class=\"task-title\">").WriteEscape(task.Title).Write("</h3>");
        if (mode != LessonMode.Exam)
        {
            WriteHints(renderer, task);
        }
        renderer.Write("<button type=\"button\" class=\"check\" data-task-id=\"").WriteEscape(task.Id).Write("\">Check</button>");
        renderer.Write("<div class=\"task-result\" role=\"status\" aria-live=\"polite\"></div>");
        if (mode != LessonMode.Exam)
        {
            WriteSolutionAndExplanation(renderer, task);
        }
        renderer.WriteLine("</section>");
    }

    private void WriteHints(HtmlRenderer renderer, LabTask task)
    {
        if (task.Hints.Count == 0)
        {
            return;
        }
        var hidden = mode == LessonMode.Lesson ? " hidden" : "";
        renderer.Write("<ol class=\"task-hints\">");
        foreach (var hint in task.Hints)
        {
            renderer.Write("<li class=\"task-hint\"").Write(hidden).Write('>').Write(LessonRenderer.RenderInline(hint)).Write("</li>");
        }
        renderer.Write("</ol>");
        if (mode == LessonMode.Lesson)
        {
            renderer.Write("<button type=\"button\" class=\"hint\" data-task-id=\"").WriteEscape(task.Id).Write("\">Show a hint</button>");
        }
    }

    private void WriteSolutionAndExplanation(HtmlRenderer renderer, LabTask task)
    {
        if (task.Solution is { } solution)
        {
            renderer.Write(mode == LessonMode.Lesson
                ? "<details class=\"task-solution\"><summary>Show the solution</summary>"
                : "<div class=\"task-solution\">");
            renderer.Write(LessonRenderer.RenderBlocks(solution).Trim());
            renderer.Write(mode == LessonMode.Lesson ? "</details>" : "</div>");
        }
        if (task.Explanation is { } explanation)
        {
            renderer.Write("<div class=\"task-explanation\"").Write(mode == LessonMode.Lesson ? " hidden" : "").Write('>');
            renderer.Write(LessonRenderer.RenderBlocks(explanation).Trim());
            renderer.Write("</div>");
        }
    }
}
