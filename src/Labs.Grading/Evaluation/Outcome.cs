using System.Text.Json.Nodes;

namespace Labs.Grading.Evaluation;

/// <summary>What evaluating one check found, before points are added.</summary>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Message">The sentence for the learner.</param>
/// <param name="Expected">What was expected, as written; null when the message says it all.</param>
/// <param name="Found">The relevant part of what was found; null for nothing.</param>
internal sealed record Outcome(bool Passed, string Message, string? Expected = null, JsonNode? Found = null)
{
    public static Outcome Pass(string message, string? expected = null, JsonNode? found = null) => new(true, message, expected, found);

    public static Outcome Fail(string message, string? expected = null, JsonNode? found = null) => new(false, message, expected, found);
}
