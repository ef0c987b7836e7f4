using System.Security.Claims;
using Labs.Content;
using Labs.Data;
using Labs.Data.Progress;
using Labs.Sessions;
using Labs.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Labs.Web.Api;

/// <summary>
/// Hints and solutions, recorded as the learner opens them: <c>POST .../hints</c> opens the next hint (one at a time, in
/// order), <c>POST .../solution?confirm=true</c> the solution (without the flag it is refused, so a stray request cannot
/// spoil a task), and <c>GET /api/labs/{labId}/reveals</c> says what is open. Exams have neither before submission.
/// </summary>
public static class RevealsApi
{
    /// <summary>Maps the reveal endpoints on the <c>/api</c> group.</summary>
    public static RouteGroupBuilder MapRevealsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/labs/{labId}/reveals", RevealsAsync);
        api.MapPost("/labs/{labId}/tasks/{taskId}/hints", NextHintAsync);
        api.MapPost("/labs/{labId}/tasks/{taskId}/solution", SolutionAsync);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<TaskReveals>>, NotFound<ProblemDetails>>> RevealsAsync(
        string labId, ClaimsPrincipal user, LabCatalog catalog, ProgressQueries queries, CancellationToken cancellationToken) =>
        catalog.Find(labId) is null
            ? TypedResults.NotFound(LabNotFound(labId))
            : TypedResults.Ok(await queries.RevealsAsync(LearnerIdentity.LearnerIdOf(user)!, labId, cancellationToken));

    private static async Task<Results<Ok<HintResponse>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ProblemHttpResult>> NextHintAsync(
        string labId, string taskId, ClaimsPrincipal user, LabCatalog catalog, SessionRegistry registry, ProgressRecorder recorder, CancellationToken cancellationToken)
    {
        if (Find(catalog, labId, taskId) is not ({ } lab, { } task))
        {
            return TypedResults.NotFound(TaskNotFound(catalog, labId, taskId));
        }

        if (lab.Kind == LabKind.Exam)
        {
            return ExamRefusal("hints");
        }

        if (task.Hints.Count == 0)
        {
            return TypedResults.NotFound(ApiProblems.Problem(404, "No hints", $"Task '{taskId}' of lab '{labId}' has no hints."));
        }

        var learner = LearnerIdentity.LearnerIdOf(user)!;
        var index = await recorder.RevealNextHintAsync(learner, registry.FindLive(learner, labId)?.Id, labId, taskId, task.Hints.Count, cancellationToken);
        return index is { } shown
            ? TypedResults.Ok(new HintResponse(taskId, shown, task.Hints.Count, task.Hints[shown]))
            : TypedResults.Conflict(ApiProblems.Problem(409, "No more hints", $"All {task.Hints.Count} hints of task '{taskId}' are open already."));
    }

    private static async Task<Results<Ok<SolutionResponse>, NotFound<ProblemDetails>, BadRequest<ProblemDetails>, ProblemHttpResult>> SolutionAsync(
        string labId, string taskId, bool? confirm, ClaimsPrincipal user, LabCatalog catalog, SessionRegistry registry, ProgressRecorder recorder, CancellationToken cancellationToken)
    {
        if (Find(catalog, labId, taskId) is not ({ } lab, { } task))
        {
            return TypedResults.NotFound(TaskNotFound(catalog, labId, taskId));
        }

        if (lab.Kind == LabKind.Exam)
        {
            return ExamRefusal("solutions");
        }

        if (task.Solution is not { } solution)
        {
            return TypedResults.NotFound(ApiProblems.Problem(404, "No solution", $"Task '{taskId}' of lab '{labId}' has no solution to show."));
        }

        if (confirm != true)
        {
            return TypedResults.BadRequest(ApiProblems.Problem(400, "Confirm first",
                "Opening the solution is recorded in your progress: ask again with ?confirm=true once the learner has confirmed."));
        }

        var learner = LearnerIdentity.LearnerIdOf(user)!;
        var first = await recorder.RevealSolutionAsync(learner, registry.FindLive(learner, labId)?.Id, labId, taskId, cancellationToken);
        return TypedResults.Ok(new SolutionResponse(taskId, solution, first));
    }

    private static (Lab? Lab, LabTask? Task) Find(LabCatalog catalog, string labId, string taskId) =>
        catalog.Find(labId) is { } lab ? (lab, lab.FindTask(taskId)) : (null, null);

    private static ProblemDetails TaskNotFound(LabCatalog catalog, string labId, string taskId) =>
        catalog.Find(labId) is null ? LabNotFound(labId) : ApiProblems.Problem(404, "Task not found", $"Lab '{labId}' has no task '{taskId}'.");

    private static ProblemDetails LabNotFound(string labId) => ApiProblems.Problem(404, "Lab not found", $"There is no lab '{labId}'.");

    private static ProblemHttpResult ExamRefusal(string what) =>
        TypedResults.Problem(title: "Not in an exam", detail: $"An exam shows no {what} before it is submitted.", statusCode: StatusCodes.Status403Forbidden);
}
