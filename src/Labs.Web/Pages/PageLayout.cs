using System.Text.Encodings.Web;

namespace Labs.Web.Pages;

/// <summary>The HTML shell every page shares.</summary>
internal static class PageLayout
{
    public static string Render(string title, string body, bool withScript) =>
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
          <header class="site-header"><a class="brand" href="/">Labs</a><span class="tagline">hands-on Kubernetes</span></header>
        {body}
        {(withScript ? "  <script type=\"module\" src=\"/dist/lab.js\"></script>" : string.Empty)}
        </body>
        </html>
        """;

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
