namespace Labs.Web.Api;

/// <summary>A hint that was just opened.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Index">Which of its hints, from 0.</param>
/// <param name="Count">How many hints the task has.</param>
/// <param name="Hint">The hint as the lab file has it (inline Markdown); the page shows it rendered.</param>
public sealed record HintResponse(string TaskId, int Index, int Count, string Hint);
