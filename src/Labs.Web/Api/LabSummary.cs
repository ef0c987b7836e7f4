using Labs.Content;

namespace Labs.Web.Api;

/// <summary>A lab as the catalogue lists it.</summary>
public sealed record LabSummary(string Id, string Title, string Summary, string Difficulty, int DurationMinutes, IReadOnlyList<string> Tags, int TaskCount)
{
    /// <summary>Summarises a lab.</summary>
    public static LabSummary From(Lab lab) =>
        new(lab.Id, lab.Title, lab.Summary, lab.Difficulty.ToString().ToLowerInvariant(), (int)lab.Duration.TotalMinutes, lab.Tags, lab.Tasks.Count);
}
