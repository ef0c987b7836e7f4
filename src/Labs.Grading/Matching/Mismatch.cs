using System.Text.Json.Nodes;

namespace Labs.Grading.Matching;

/// <summary>One difference between the expected partial object and the actual object.</summary>
/// <param name="Path">Field path, e.g. <c>spec.template.spec.containers[?(@.name=="web")].image</c>.</param>
/// <param name="Kind">What kind of difference.</param>
/// <param name="Expected">The expected value (a count for <see cref="MismatchKind.Length"/>, the key's value for <see cref="MismatchKind.MissingItem"/>).</param>
/// <param name="Actual">The actual value; null when not set (a count for <see cref="MismatchKind.Length"/>, the items' keys for <see cref="MismatchKind.MissingItem"/>).</param>
/// <param name="Key">For <see cref="MismatchKind.MissingItem"/>: the field list items are matched by, e.g. <c>name</c>.</param>
internal sealed record Mismatch(string Path, MismatchKind Kind, JsonNode? Expected, JsonNode? Actual, string? Key = null);
