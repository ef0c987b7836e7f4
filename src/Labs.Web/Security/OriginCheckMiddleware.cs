using Labs.Terminal;

namespace Labs.Web.Security;

/// <summary>
/// Refuses requests that change state when a browser says they come from another origin: POST, PUT, PATCH and
/// DELETE under <c>/api</c>, and every request to the terminal hub (negotiate, the WebSocket upgrade, SSE and long
/// polling, all of which act as the learner). The Origin header decides, or the Referer when a browser sent no
/// Origin; <c>Origin: null</c> (sandboxed frames, file pages) never matches.
/// </summary>
/// <remarks>
/// A request with neither header is let through: browsers send Origin on every cross-origin request and on every
/// same-origin POST, PUT, PATCH, DELETE and WebSocket, so only non-browser clients (curl, scripts, tests) omit both,
/// and they can only present a learner cookie they hold themselves. The cookie's SameSite=Lax is the second line: a
/// browser does not send it with a cross-site POST or WebSocket even where this check could be fooled.
/// Behind a reverse proxy the request must keep its public host and scheme (forward the Host header, and set
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> for a TLS-terminating proxy) or same-origin requests are refused.
/// </remarks>
internal sealed class OriginCheckMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (IsGuarded(request) && ClaimedOrigin(request) is { } claimed && !IsSameOrigin(request, claimed))
        {
            var own = $"{request.Scheme}://{request.Host}";
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-origin request refused",
                $"This {request.Method} came from '{claimed}', not from Labs itself ({own}). Labs accepts changes only from its own pages; open {own} and try again there.");
            return;
        }

        await next(context);
    }

    private static bool IsGuarded(HttpRequest request) =>
        request.Path.StartsWithSegments(TerminalEndpointRouteBuilderExtensions.HubPath, StringComparison.OrdinalIgnoreCase)
        || (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method) || HttpMethods.IsDelete(request.Method)));

    /// <summary>The origin a browser attributed the request to; null when it named none.</summary>
    private static string? ClaimedOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return origin;
        }

        var referer = request.Headers.Referer.ToString();
        return referer.Length > 0 ? referer : null;
    }

    private static bool IsSameOrigin(HttpRequest request, string claimed)
    {
        if (!Uri.TryCreate(claimed, UriKind.Absolute, out var from) || !Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var own))
        {
            return false;
        }

        return string.Equals(from.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(from.IdnHost, own.IdnHost, StringComparison.OrdinalIgnoreCase)
            && from.Port == own.Port;
    }
}
