using System.Security.Claims;
using Labs.Content;
using Labs.Grading;
using Labs.Sessions;
using Labs.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Labs.Web.Api;

/// <summary>
/// The JSON API the lab page uses: labs, sessions and checks. Every session belongs to the learner who started it:
/// anyone else asking about it gets the same 404 as for a session that does not exist.
/// </summary>
public static class LabsApi
{
    /// <summary>Maps <c>/api/labs</c>, <c>/api/sessions</c> and <c>/api/learner</c>.</summary>
    public static IEndpointRouteBuilder MapLabsApi(this IEndpointRouteBuilder endpoints)
    {
        // Every caller has a learner by now (first visits are signed in anonymously); this only refuses a request
        // that somehow has none, instead of letting it act as nobody.
        var api = endpoints.MapGroup("/api").WithTags("Labs").RequireAuthorization();
        api.MapGet("/labs", ListLabs);
        api.MapGet("/learner", Learner);
        api.MapPost("/labs/{labId}/sessions", StartSessionAsync).WithMetadata(SessionStartEndpoint.Instance);
        api.MapGet("/sessions", ListSessions);
        api.MapGet("/sessions/{sessionId}", GetSession);
        api.MapDelete("/sessions/{sessionId}", EndSessionAsync);
        api.MapPost("/sessions/{sessionId}/tasks/{taskId}/check", CheckTaskAsync);
        return endpoints;
    }

    private static Ok<LabSummary[]> ListLabs(LabCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(LabSummary.From).ToArray());

    private static Ok<LearnerResponse> Learner(ClaimsPrincipal user) =>
        TypedResults.Ok(new LearnerResponse(LearnerIdentity.LearnerIdOf(user)!, LearnerIdentity.IsAnonymous(user)));

    private static async Task<Results<Created<SessionResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> StartSessionAsync(
        string labId, ClaimsPrincipal user, LabCatalog catalog, SessionManager sessions, CancellationToken cancellationToken)
    {
        if (catalog.FindBroken(labId) is { } broken)
        {
            return TypedResults.Problem(title: "The lab is broken", detail: $"Lab '{labId}' cannot be started until its files are fixed: {broken.Problems[0].Message}", statusCode: 503);
        }

        if (catalog.Find(labId) is not { } lab)
        {
            return TypedResults.NotFound(Problem(404, "Lab not found", $"There is no lab '{labId}'."));
        }

        try
        {
            var script = lab.SetupScript is null ? null : await File.ReadAllTextAsync(lab.SetupScript, cancellationToken);
            var session = await sessions.StartAsync(lab.Id, LearnerIdentity.LearnerIdOf(user)!, new LabSetup([.. lab.SetupObjects.Select(o => new LabSetupObject(o.Manifest, o.Source))], script, LabBudgets.For(lab.Budget)), cancellationToken);
            return TypedResults.Created($"/api/sessions/{session.Id}", SessionResponse.From(session));
        }
        catch (SessionLimitException ex)
        {
            return TypedResults.Conflict(Problem(409, "Too many labs running", ex.Message));
        }
        catch (SessionStartException ex)
        {
            return TypedResults.Problem(title: "The lab could not be started", detail: ex.Message, statusCode: 503);
        }
    }

    private static Ok<SessionResponse[]> ListSessions(ClaimsPrincipal user, SessionRegistry registry) =>
        TypedResults.Ok(registry.OwnedBy(LearnerIdentity.LearnerIdOf(user)!).Select(SessionResponse.From).ToArray());

    private static Results<Ok<SessionResponse>, NotFound<ProblemDetails>> GetSession(string sessionId, ClaimsPrincipal user, ISessionRegistry registry) =>
        registry.FindOwned(sessionId, LearnerIdentity.LearnerIdOf(user)) is { } session
            ? TypedResults.Ok(SessionResponse.From(session))
            : TypedResults.NotFound(SessionNotFound(sessionId));

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> EndSessionAsync(
        string sessionId, ClaimsPrincipal user, ISessionRegistry registry, SessionManager sessions, CancellationToken cancellationToken) =>
        registry.FindOwned(sessionId, LearnerIdentity.LearnerIdOf(user)) is not null && await sessions.EndAsync(sessionId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(SessionNotFound(sessionId));

    private static async Task<Results<Ok<TaskResult>, NotFound<ProblemDetails>>> CheckTaskAsync(
        string sessionId, string taskId, ClaimsPrincipal user, ISessionRegistry registry, LabCatalog catalog, Grader grader, CancellationToken cancellationToken)
    {
        if (registry.FindOwned(sessionId, LearnerIdentity.LearnerIdOf(user)) is not { } session)
        {
            return TypedResults.NotFound(SessionNotFound(sessionId));
        }

        var task = catalog.Find(session.LabId)?.FindTask(taskId);
        if (task is null)
        {
            return TypedResults.NotFound(Problem(404, "Task not found", $"Lab '{session.LabId}' has no task '{taskId}'."));
        }

        return TypedResults.Ok(await grader.CheckAsync(task, new GradingTarget(session.Namespace, session.ToolboxNamespace, session.ToolboxPod), cancellationToken: cancellationToken));
    }

    private static ProblemDetails SessionNotFound(string sessionId) =>
        Problem(404, "Session not found", $"There is no running session '{sessionId}': it may have ended. Start the lab again.");

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
