namespace Labs.Content;

/// <summary>The <c>exam:</c> front-matter block of an exam lab.</summary>
/// <param name="Duration">Time allowed; defaults to the lab's <c>duration</c>.</param>
/// <param name="PassPercent">Share of the total task weight needed to pass, 1 to 100; defaults to 66.</param>
public sealed record ExamSettings(TimeSpan Duration, int PassPercent);
