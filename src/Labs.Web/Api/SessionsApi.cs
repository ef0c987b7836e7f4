using System.Security.Claims;
using Labs.Content;
using Labs.Sessions;
using Labs.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Labs.Web.Api;

/// <summary>
/// A session's life in the API: start (or resume), find, finish, reset and extend. Every session belongs to the
/// learner who started it: anyone else asking about it gets the same 404 as for a session that does not exist.
/// </summary>
public static class SessionsApi
{
    /// <summary>Maps the session endpoints on the <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/labs/{labId}/sessions", StartSessionAsync).WithMetadata(SessionStartEndpoint.Instance);
        api.MapGet("/labs/{labId}/session", LiveSessionOfLab);
        api.MapGet("/sessions", ListSessions);
        api.MapGet("/sessions/{sessionId}", GetSession);
        api.MapDelete("/sessions/{sessionId}", FinishAsync);
        api.MapPost("/sessions/{sessionId}/finish", FinishAsync);
        // A reset provisions a whole new environment: it counts against the start limits like a start.
        api.MapPost("/sessions/{sessionId}/reset", ResetAsync).WithMetadata(SessionStartEndpoint.Instance);
        api.MapPost("/sessions/{sessionId}/extend", ExtendAsync);
        return api;
    }

    private static async Task<Results<Created<SessionResponse>, Ok<SessionResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> StartSessionAsync(
        string labId, ClaimsPrincipal user, LabCatalog catalog, SessionManager sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (catalog.FindBroken(labId) is { } broken)
        {
            return TypedResults.Problem(title: "The lab is broken", detail: $"Lab '{labId}' cannot be started until its files are fixed: {broken.Problems[0].Message}", statusCode: 503);
        }

        if (catalog.Find(labId) is not { } lab)
        {
            return TypedResults.NotFound(ApiProblems.Problem(404, "Lab not found", $"There is no lab '{labId}'."));
        }

        try
        {
            var outcome = await sessions.StartOrResumeAsync(lab.Id, LearnerIdentity.LearnerIdOf(user)!, await LabSetups.ForAsync(lab, cancellationToken), cancellationToken);
            var response = SessionResponse.From(outcome.Session, time.GetUtcNow(), outcome.Resumed);
            return outcome.Resumed ? TypedResults.Ok(response) : TypedResults.Created($"/api/sessions/{outcome.Session.Id}", response);
        }
        catch (SessionLimitException ex)
        {
            return TypedResults.Conflict(ApiProblems.Problem(409, "Too many labs running", ex.Message));
        }
        catch (SessionStartException ex)
        {
            return TypedResults.Problem(title: "The lab could not be started", detail: ex.Message, statusCode: 503);
        }
    }

    private static Results<Ok<SessionResponse>, NotFound<ProblemDetails>> LiveSessionOfLab(string labId, ClaimsPrincipal user, SessionRegistry registry, TimeProvider time) =>
        registry.FindLive(LearnerIdentity.LearnerIdOf(user)!, labId) is { } session
            ? TypedResults.Ok(SessionResponse.From(session, time.GetUtcNow()))
            : TypedResults.NotFound(ApiProblems.Problem(404, "No session", $"You have no running session of lab '{labId}'. Start it."));

    private static Ok<SessionResponse[]> ListSessions(ClaimsPrincipal user, SessionRegistry registry, TimeProvider time) =>
        TypedResults.Ok(registry.OwnedBy(LearnerIdentity.LearnerIdOf(user)!).Select(s => SessionResponse.From(s, time.GetUtcNow())).ToArray());

    // A read: instructors see every learner's session (FindVisible); every change below is the owner's only.
    private static Results<Ok<SessionResponse>, NotFound<ProblemDetails>> GetSession(string sessionId, ClaimsPrincipal user, ISessionRegistry registry, TimeProvider time) =>
        registry.FindVisible(sessionId, LearnerIdentity.LearnerIdOf(user)) is { } session
            ? TypedResults.Ok(SessionResponse.From(session, time.GetUtcNow()))
            : TypedResults.NotFound(ApiProblems.SessionNotFound(sessionId));

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> FinishAsync(
        string sessionId, ClaimsPrincipal user, ISessionRegistry registry, SessionManager sessions, CancellationToken cancellationToken) =>
        registry.FindOwned(sessionId, LearnerIdentity.LearnerIdOf(user)) is not null && await sessions.EndAsync(sessionId, SessionEndReason.Finished, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(ApiProblems.SessionNotFound(sessionId));

    private static async Task<Results<Ok<SessionResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> ResetAsync(
        string sessionId, ClaimsPrincipal user, ISessionRegistry registry, LabCatalog catalog, SessionManager sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.FindOwned(sessionId, LearnerIdentity.LearnerIdOf(user)) is not { } session || catalog.Find(session.LabId) is not { } lab)
        {
            return TypedResults.NotFound(ApiProblems.SessionNotFound(sessionId));
        }

        try
        {
            return await sessions.ResetAsync(sessionId, await LabSetups.ForAsync(lab, cancellationToken), cancellationToken) is { } reset
                ? TypedResults.Ok(SessionResponse.From(reset, time.GetUtcNow()))
                : TypedResults.NotFound(ApiProblems.SessionNotFound(sessionId));
        }
        catch (SessionBusyException ex)
        {
            return TypedResults.Conflict(ApiProblems.Problem(409, "Busy", ex.Message));
        }
        catch (SessionStartException ex)
        {
            return TypedResults.Problem(title: "The lab could not be reset; your environment is as it was", detail: ex.Message, statusCode: 503);
        }
    }

    private static async Task<Results<Ok<SessionResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> ExtendAsync(
        string sessionId, ClaimsPrincipal user, ISessionRegistry registry, SessionManager sessions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.FindOwned(sessionId, LearnerIdentity.LearnerIdOf(user)) is null)
        {
            return TypedResults.NotFound(ApiProblems.SessionNotFound(sessionId));
        }

        try
        {
            return await sessions.ExtendAsync(sessionId, cancellationToken) is { } extended
                ? TypedResults.Ok(SessionResponse.From(extended, time.GetUtcNow()))
                : TypedResults.NotFound(ApiProblems.SessionNotFound(sessionId));
        }
        catch (SessionBusyException ex)
        {
            return TypedResults.Conflict(ApiProblems.Problem(409, "Cannot extend", ex.Message));
        }
    }
}
