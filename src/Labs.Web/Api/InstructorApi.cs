using Labs.Content;
using Labs.Data;
using Labs.Data.Progress;
using Labs.Sessions;
using Labs.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Labs.Web.Api;

/// <summary>
/// What instructors (and admins) see of every learner: the running sessions, per-lab completion and per-learner
/// progress. Anyone else gets 403.
/// </summary>
public static class InstructorApi
{
    /// <summary>Maps <c>/api/instructor</c>.</summary>
    public static IEndpointRouteBuilder MapInstructorApi(this IEndpointRouteBuilder endpoints)
    {
        var instructor = endpoints.MapGroup("/api/instructor").WithTags("Instructor").RequireAuthorization(AccountSchemes.InstructorPolicy);
        instructor.MapGet("/sessions", (SessionRegistry registry, TimeProvider time) =>
            TypedResults.Ok(registry.All.OrderBy(s => s.CreatedAt).Select(s => new InstructorSessionResponse(s.OwnerId, SessionResponse.From(s, time.GetUtcNow()))).ToArray()));
        instructor.MapGet("/labs/{labId}/completion", LabCompletionAsync);
        instructor.MapGet("/learners/{learnerId}/progress", async (string learnerId, ProgressQueries queries, CancellationToken ct) =>
            TypedResults.Ok(await queries.LearnerProgressAsync(learnerId, ct)));
        return endpoints;
    }

    private static async Task<Results<Ok<LabCompletion>, NotFound<ProblemDetails>>> LabCompletionAsync(
        string labId, LabCatalog catalog, ProgressQueries queries, CancellationToken cancellationToken) =>
        catalog.Find(labId) is { } lab
            ? TypedResults.Ok(await queries.LabCompletionAsync(lab.Id, [.. lab.Tasks.Select(t => t.Id)], cancellationToken))
            : TypedResults.NotFound(ApiProblems.Problem(404, "Lab not found", $"There is no lab '{labId}'."));
}
