using Labs.Content;

namespace Labs.Web.Pages;

/// <summary>The server-rendered pages.</summary>
public static class PageEndpoints
{
    /// <summary>Maps <c>/</c> and <c>/labs/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (LabCatalog catalog) => TypedResults.Content(HomePage.Render(catalog.All), "text/html; charset=utf-8"));
        endpoints.MapGet("/labs/{labId}", (string labId, LabCatalog catalog) =>
            catalog.Find(labId) is { } lab
                ? Results.Content(LabPage.Render(lab), "text/html; charset=utf-8")
                : Results.Content(
                    PageLayout.Render("Not found", $"  <main class=\"catalog\"><h1>No such lab</h1><p>There is no lab '{PageLayout.Encode(labId)}'. <a href=\"/\">See all labs</a>.</p></main>", withScript: false),
                    "text/html; charset=utf-8",
                    statusCode: 404));
        return endpoints;
    }
}
