using System.Security.Claims;
using Labs.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Labs.Terminal;

/// <summary>
/// The recordings of a session's terminals, for its owner (and instructors: <see cref="ISessionRegistry.FindVisible"/>): <c>GET /api/sessions/{id}/recordings</c> lists them,
/// <c>GET /api/sessions/{id}/recordings/{name}</c> serves one (asciicast v2). Anyone else gets the 404 a missing
/// session gets, so recordings cannot be probed.
/// </summary>
internal static class TerminalRecordingsApi
{
    public const string ContentType = "application/x-asciicast";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/sessions/{sessionId}/recordings").WithTags("Terminal").RequireAuthorization();
        group.MapGet("", List);
        group.MapGet("/{name}", Get);
    }

    private static Results<Ok<TerminalRecording[]>, NotFound<ProblemDetails>> List(string sessionId, ClaimsPrincipal user, ISessionRegistry sessions, TerminalRecordings recordings) =>
        sessions.FindVisible(sessionId, user.FindFirstValue(ClaimTypes.NameIdentifier)) is null
            ? TypedResults.NotFound(SessionNotFound(sessionId))
            : TypedResults.Ok(recordings.List(sessionId).ToArray());

    private static Results<FileStreamHttpResult, NotFound<ProblemDetails>> Get(string sessionId, string name, ClaimsPrincipal user, ISessionRegistry sessions, TerminalRecordings recordings)
    {
        if (sessions.FindVisible(sessionId, user.FindFirstValue(ClaimTypes.NameIdentifier)) is null)
        {
            return TypedResults.NotFound(SessionNotFound(sessionId));
        }

        return recordings.Open(sessionId, name) is { } file
            ? TypedResults.Stream(file, ContentType, name)
            : TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Recording not found", Detail = $"Session '{sessionId}' has no recording '{name}'." });
    }

    private static ProblemDetails SessionNotFound(string sessionId) =>
        new() { Status = 404, Title = "Session not found", Detail = $"There is no running session '{sessionId}': it may have ended. Start the lab again." };
}
