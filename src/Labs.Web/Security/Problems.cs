namespace Labs.Web.Security;

/// <summary>ProblemDetails answers written by middleware (before any endpoint runs), in the API's usual shape.</summary>
internal static class Problems
{
    /// <summary>Writes <c>application/problem+json</c> whatever the request accepts: a script reads the detail.</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(context);
}
