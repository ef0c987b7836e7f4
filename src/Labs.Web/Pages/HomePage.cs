using System.Globalization;
using System.Text;
using Labs.Content;

namespace Labs.Web.Pages;

/// <summary>The catalogue of labs.</summary>
internal static class HomePage
{
    public static string Render(IReadOnlyList<Lab> labs, IReadOnlyList<BrokenLab> broken, long? liveReloadVersion = null)
    {
        var cards = new StringBuilder();
        foreach (var lab in labs)
        {
            cards.Append(CultureInfo.InvariantCulture, $"""
                  <li class="lab-card">
                    <a href="/labs/{PageLayout.Encode(lab.Id)}"><h2>{PageLayout.Encode(lab.Title)}</h2></a>
                    <p>{PageLayout.Encode(lab.Summary)}</p>
                    <p class="lab-meta">{PageLayout.Encode(lab.Difficulty.ToString().ToLowerInvariant())} · {(int)lab.Duration.TotalMinutes} min · {lab.Tasks.Count} task{(lab.Tasks.Count == 1 ? "" : "s")}</p>
                  </li>

                """);
        }

        var brokenList = new StringBuilder();
        foreach (var lab in broken)
        {
            brokenList.Append(CultureInfo.InvariantCulture, $"""
                      <li><a href="/labs/{PageLayout.Encode(lab.Id)}">{PageLayout.Encode(lab.Id)}</a>: {lab.Problems.Count} problem{(lab.Problems.Count == 1 ? "" : "s")}</li>

                """);
        }
        var brokenSection = broken.Count == 0 ? "" : $"""
                  <section class="broken-labs"><h2>Broken labs</h2>
                    <ul>
              {brokenList}      </ul>
                  </section>
              """;
        var body = labs.Count == 0 && broken.Count == 0
            ? "  <main class=\"catalog\"><p>No labs yet: add one under <code>labs/</code>.</p></main>"
            : $"""
                <main class="catalog">
                  <h1>Labs</h1>
                  <ul class="lab-list">
              {cards}    </ul>
              {brokenSection}
                </main>
              """;
        return PageLayout.Render("Labs", body, withScript: false, liveReloadVersion);
    }
}
