using System.Text.Encodings.Web;

namespace Labs.Web.Pages;

/// <summary>The HTML shell every page shares.</summary>
internal static class PageLayout
{
    /// <param name="title">The page title.</param>
    /// <param name="body">The page's HTML.</param>
    /// <param name="withScript">Whether to load the lab page's script.</param>
    /// <param name="liveReloadVersion">
    /// With <c>Content:Watch</c> on: the catalog version the page shows; the page reloads itself once the labs change.
    /// </param>
    public static string Render(string title, string body, bool withScript, long? liveReloadVersion = null) =>
        $"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>{Encode(title)} · Labs</title>
          <link rel="stylesheet" href="/dist/lab.css">
        </head>
        <body>
          <header class="site-header"><a class="brand" href="/">Labs</a><span class="tagline">hands-on Kubernetes</span><a class="account-link" href="/account">Account</a></header>
        {body}
        {(withScript ? "  <script type=\"module\" src=\"/dist/lab.js\"></script>" : string.Empty)}
        {(liveReloadVersion is { } version ? $"  <script>new EventSource('/content/changes?since={version}').onmessage = () => location.reload();</script>" : string.Empty)}
        </body>
        </html>
        """;

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
