using Labs.Content;
using Microsoft.Extensions.Options;

namespace Labs.Web.Pages;

/// <summary>The server-rendered pages.</summary>
public static class PageEndpoints
{
    /// <summary>
    /// Maps <c>/</c> (the catalog, broken labs listed with their problem count), <c>/labs/{id}</c> (a lab, or a broken
    /// lab's problems) and, with <c>Content:Watch</c>, <c>/content/changes</c>, which pages listen to so they reload
    /// when the labs change.
    /// </summary>
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var watch = endpoints.ServiceProvider.GetRequiredService<IOptions<ContentOptions>>().Value.Watch;
        long? Live(LabCatalog catalog) => watch ? catalog.Version : null;
        endpoints.MapGet("/", (LabCatalog catalog) => TypedResults.Content(HomePage.Render(catalog.All, catalog.Broken, Live(catalog)), "text/html; charset=utf-8"));
        endpoints.MapGet("/labs/{labId}", (string labId, LabCatalog catalog) =>
            catalog.Find(labId) is { } lab
                ? Results.Content(LabPage.Render(lab, Live(catalog)), "text/html; charset=utf-8")
                : catalog.FindBroken(labId) is { } broken
                    ? Results.Content(BrokenLabPage.Render(broken, Live(catalog)), "text/html; charset=utf-8", statusCode: 503)
                    : Results.Content(
                        PageLayout.Render("Not found", $"  <main class=\"catalog\"><h1>No such lab</h1><p>There is no lab '{PageLayout.Encode(labId)}'. <a href=\"/\">See all labs</a>.</p></main>", withScript: false, Live(catalog)),
                        "text/html; charset=utf-8",
                        statusCode: 404));
        if (watch)
        {
            endpoints.MapGet("/content/changes", ContentChanges.StreamAsync);
        }
        return endpoints;
    }
}
