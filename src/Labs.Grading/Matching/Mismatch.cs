using System.Text.Json.Nodes;

namespace Labs.Grading.Matching;

/// <summary>One difference between the expected partial object and the actual object.</summary>
/// <param name="Path">Field path, e.g. <c>spec.template.spec.containers[0].image</c>.</param>
/// <param name="Kind">What kind of difference.</param>
/// <param name="Expected">The expected value (a count for <see cref="MismatchKind.Length"/>).</param>
/// <param name="Actual">The actual value; null when not set (or a count for <see cref="MismatchKind.Length"/>).</param>
internal sealed record Mismatch(string Path, MismatchKind Kind, JsonNode? Expected, JsonNode? Actual);
