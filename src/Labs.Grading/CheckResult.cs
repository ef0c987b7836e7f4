using System.Text.Json.Nodes;

namespace Labs.Grading;

/// <summary>The outcome of one check.</summary>
/// <param name="Index">0-based position of the check in its task.</param>
/// <param name="Description">What the check verifies (the author's description, or one made from the check).</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Points">Points earned: the check's points when it passed, else 0.</param>
/// <param name="MaxPoints">The check's points.</param>
/// <param name="Message">A sentence: what was found, and for a failure what was expected instead.</param>
/// <param name="Expected">What the check expected, as written (e.g. the partial object, <c>equals 2</c>); null when there is nothing more to say.</param>
/// <param name="Found">The relevant part of what was found (the live fields the check looked at, the output, the count); null when nothing was found.</param>
/// <param name="Why">The author's <c>why</c>, shown when the check fails; null when not given or when it passed.</param>
/// <param name="Source">Where the check is written, <c>labs/ID/lab.md:LINE</c>.</param>
public sealed record CheckResult(
    int Index,
    string Description,
    bool Passed,
    int Points,
    int MaxPoints,
    string Message,
    string? Expected,
    JsonNode? Found,
    string? Why,
    string Source);
