using Labs.Content;

namespace Labs.Web.Pages;

/// <summary>
/// <c>GET /content/changes?since=V</c> (only with <c>Content:Watch</c>): a server-sent event as soon as the catalog's
/// version differs from V, then the end of the stream. The browser's EventSource reconnects by itself, so a page
/// reloads once per change.
/// </summary>
internal static class ContentChanges
{
    public static async Task StreamAsync(HttpContext context, LabCatalog catalog, long since)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, EventArgs e) => changed.TrySetResult();
        catalog.Changed += OnChanged;
        try
        {
            await context.Response.WriteAsync(": waiting for changes\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (catalog.Version == since)
                await changed.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync($"data: {catalog.Version}\n\n", context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page went away.
        }
        finally
        {
            catalog.Changed -= OnChanged;
        }
    }
}
