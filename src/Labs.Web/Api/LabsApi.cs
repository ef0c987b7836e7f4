using Labs.Content;
using Labs.Grading;
using Labs.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Labs.Web.Api;

/// <summary>The JSON API the lab page uses: labs, sessions and checks.</summary>
public static class LabsApi
{
    /// <summary>Maps <c>/api/labs</c> and <c>/api/sessions</c>.</summary>
    public static IEndpointRouteBuilder MapLabsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Labs");
        api.MapGet("/labs", ListLabs);
        api.MapPost("/labs/{labId}/sessions", StartSessionAsync);
        api.MapGet("/sessions/{sessionId}", GetSession);
        api.MapDelete("/sessions/{sessionId}", EndSessionAsync);
        api.MapPost("/sessions/{sessionId}/tasks/{taskId}/check", CheckTaskAsync);
        return endpoints;
    }

    private static Ok<LabSummary[]> ListLabs(LabCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(LabSummary.From).ToArray());

    private static async Task<Results<Created<SessionResponse>, NotFound<ProblemDetails>, ProblemHttpResult>> StartSessionAsync(
        string labId, LabCatalog catalog, SessionManager sessions, CancellationToken cancellationToken)
    {
        if (catalog.Find(labId) is not { } lab)
        {
            return TypedResults.NotFound(Problem(404, "Lab not found", $"There is no lab '{labId}'."));
        }

        try
        {
            var script = lab.SetupScript is null ? null : await File.ReadAllTextAsync(lab.SetupScript, cancellationToken);
            var session = await sessions.StartAsync(lab.Id, new LabSetup(lab.SetupObjects, script, LabBudgets.For(lab.Budget)), cancellationToken);
            return TypedResults.Created($"/api/sessions/{session.Id}", SessionResponse.From(session));
        }
        catch (SessionStartException ex)
        {
            return TypedResults.Problem(title: "The lab could not be started", detail: ex.Message, statusCode: 503);
        }
    }

    private static Results<Ok<SessionResponse>, NotFound<ProblemDetails>> GetSession(string sessionId, ISessionRegistry registry) =>
        registry.Find(sessionId) is { } session
            ? TypedResults.Ok(SessionResponse.From(session))
            : TypedResults.NotFound(SessionNotFound(sessionId));

    private static async Task<Results<NoContent, NotFound<ProblemDetails>>> EndSessionAsync(
        string sessionId, SessionManager sessions, CancellationToken cancellationToken) =>
        await sessions.EndAsync(sessionId, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(SessionNotFound(sessionId));

    private static async Task<Results<Ok<TaskResult>, NotFound<ProblemDetails>>> CheckTaskAsync(
        string sessionId, string taskId, ISessionRegistry registry, LabCatalog catalog, Grader grader, CancellationToken cancellationToken)
    {
        if (registry.Find(sessionId) is not { } session)
        {
            return TypedResults.NotFound(SessionNotFound(sessionId));
        }

        var task = catalog.Find(session.LabId)?.FindTask(taskId);
        if (task is null)
        {
            return TypedResults.NotFound(Problem(404, "Task not found", $"Lab '{session.LabId}' has no task '{taskId}'."));
        }

        return TypedResults.Ok(await grader.CheckAsync(task, session.Namespace, cancellationToken));
    }

    private static ProblemDetails SessionNotFound(string sessionId) =>
        Problem(404, "Session not found", $"There is no running session '{sessionId}': it may have ended. Start the lab again.");

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
