using System.Text.Json.Nodes;

namespace Labs.Grading.Evaluation;

/// <summary>Where an object stands against a condition.</summary>
/// <param name="Satisfied">The condition holds.</param>
/// <param name="Final">The condition can no longer come true by waiting (a failed Job, a stalled rollout).</param>
/// <param name="State">The state in words, e.g. <c>Ready is False (ContainersNotReady: ...)</c>.</param>
/// <param name="Found">The fields the state was read from.</param>
internal sealed record ConditionState(bool Satisfied, bool Final, string State, JsonNode? Found);
