namespace Labs.Web.Api;

/// <summary>A solution that was opened.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Solution">The solution as the lab file has it (Markdown); the page shows it rendered.</param>
/// <param name="FirstTime">False when the learner had opened it before (it is recorded once).</param>
public sealed record SolutionResponse(string TaskId, string Solution, bool FirstTime);
