using Microsoft.AspNetCore.Mvc;

namespace Labs.Web.Api;

/// <summary>The ProblemDetails the API answers with.</summary>
internal static class ApiProblems
{
    public static ProblemDetails SessionNotFound(string sessionId) =>
        Problem(404, "Session not found", $"There is no running session '{sessionId}': it may have ended. Start the lab again.");

    public static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
