namespace Labs.Content;

/// <summary>The <c>exam:</c> front-matter block of an exam lab.</summary>
/// <param name="TimeLimit">Time allowed (<c>timeLimit:</c>); defaults to the lab's <c>duration</c>.</param>
/// <param name="PassMark">Share of the total points needed to pass, 1 to 100 (<c>passMark:</c>); defaults to 66.</param>
public sealed record ExamSettings(TimeSpan TimeLimit, int PassMark);
