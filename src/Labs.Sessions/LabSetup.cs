using System.Text.Json.Nodes;

namespace Labs.Sessions;

/// <summary>What a lab prepares before the learner gets their session.</summary>
/// <param name="Objects">Namespaced objects (without a namespace) created in the learner's namespace.</param>
/// <param name="Script">A bash script run in the toolbox as the learner once it runs; null for none.</param>
/// <param name="Budget">What the session may use; null for <see cref="SessionBudgets.Default"/>.</param>
public sealed record LabSetup(IReadOnlyList<JsonObject> Objects, string? Script = null, SessionBudget? Budget = null)
{
    /// <summary>Nothing to prepare.</summary>
    public static LabSetup None { get; } = new([]);
}
