using System.Security.Claims;
using Labs.Content;
using Labs.Data;
using Labs.Data.Progress;
using Labs.Grading;
using Labs.Sessions;
using Labs.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Labs.Web.Api;

/// <summary>
/// The JSON API the lab page uses: labs, sessions (<see cref="SessionsApi"/>), checks and the learner's progress.
/// Every session belongs to the learner who started it: anyone else asking about it gets the same 404 as for a
/// session that does not exist.
/// </summary>
public static class LabsApi
{
    /// <summary>Maps <c>/api/labs</c>, <c>/api/sessions</c>, <c>/api/learner</c> and <c>/api/progress</c>.</summary>
    public static IEndpointRouteBuilder MapLabsApi(this IEndpointRouteBuilder endpoints)
    {
        // Every caller has a learner by now (first visits are signed in anonymously); this only refuses a request
        // that somehow has none, instead of letting it act as nobody.
        var api = endpoints.MapGroup("/api").WithTags("Labs").RequireAuthorization();
        api.MapGet("/labs", ListLabs);
        api.MapGet("/learner", Learner);
        api.MapGet("/progress", ProgressAsync);
        api.MapSessionsApi();
        api.MapRevealsApi();
        api.MapPost("/sessions/{sessionId}/tasks/{taskId}/check", CheckTaskAsync);
        return endpoints;
    }

    private static Ok<LabSummary[]> ListLabs(LabCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(LabSummary.From).ToArray());

    private static Ok<LearnerResponse> Learner(ClaimsPrincipal user) =>
        TypedResults.Ok(new LearnerResponse(LearnerIdentity.LearnerIdOf(user)!, LearnerIdentity.IsAnonymous(user)));

    private static async Task<Ok<LearnerProgress>> ProgressAsync(ClaimsPrincipal user, ProgressQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.LearnerProgressAsync(LearnerIdentity.LearnerIdOf(user)!, cancellationToken));

    private static async Task<Results<Ok<TaskResult>, NotFound<ProblemDetails>>> CheckTaskAsync(
        string sessionId, string taskId, ClaimsPrincipal user, ISessionRegistry registry, LabCatalog catalog, Grader grader, ProgressRecorder progress,
        CancellationToken cancellationToken)
    {
        if (registry.FindOwned(sessionId, LearnerIdentity.LearnerIdOf(user)) is not { } session)
        {
            return TypedResults.NotFound(ApiProblems.SessionNotFound(sessionId));
        }

        var task = catalog.Find(session.LabId)?.FindTask(taskId);
        if (task is null)
        {
            return TypedResults.NotFound(ApiProblems.Problem(404, "Task not found", $"Lab '{session.LabId}' has no task '{taskId}'."));
        }

        var result = await grader.CheckAsync(task, new GradingTarget(session.Namespace, session.ToolboxNamespace, session.ToolboxPod), cancellationToken: cancellationToken);
        await progress.RecordCheckRunAsync(CheckRunMapping.From(session, task, result), cancellationToken);
        return TypedResults.Ok(result);
    }
}
