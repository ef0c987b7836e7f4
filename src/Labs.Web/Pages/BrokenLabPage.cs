using System.Text;
using Labs.Content;

namespace Labs.Web.Pages;

/// <summary>A lab whose files do not load: every problem with its file, line and column, for the lab's author.</summary>
internal static class BrokenLabPage
{
    public static string Render(BrokenLab lab, long? liveReloadVersion)
    {
        var problems = new StringBuilder();
        foreach (var problem in lab.Problems)
            problems.Append("      <li><code>").Append(PageLayout.Encode(problem.Message)).Append("</code></li>\n");
        var body = $"""
              <main class="catalog broken-lab">
                <h1>Lab {PageLayout.Encode(lab.Id)} is broken</h1>
                <p>Learners cannot start it until these problems in its files are fixed (<code>labs validate</code> lists them too):</p>
                <ul class="lab-problems">
            {problems}    </ul>
                <p><a href="/">See all labs</a>.</p>
              </main>
            """;
        return PageLayout.Render($"{lab.Id} (broken)", body, withScript: false, liveReloadVersion);
    }
}
