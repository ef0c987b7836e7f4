namespace Labs.Sessions;

/// <summary>What a lab prepares before the learner gets their session.</summary>
/// <param name="Objects">Namespaced objects (without a namespace) created in the learner's namespace, with the lab file each comes from.</param>
/// <param name="Script">A bash script run in the toolbox as the learner once it runs; null for none.</param>
/// <param name="Budget">What the session may use; null for <see cref="SessionBudgets.Default"/>.</param>
/// <param name="Lifetime">How long a session lasts before it expires (unless extended); null for <see cref="LabSessionOptions.DefaultLifetime"/>.</param>
/// <param name="ClusterViews">Cluster-scoped resources (plural names, e.g. <c>nodes</c>) the learner may read; null or empty for none.</param>
/// <param name="Files">Files written into the learner's home before <paramref name="Script"/> runs; null or empty for none.</param>
/// <param name="Tools">Commands the toolbox must have (the session does not start without them); null or empty for none.</param>
public sealed record LabSetup(
    IReadOnlyList<LabSetupObject> Objects,
    string? Script = null,
    SessionBudget? Budget = null,
    TimeSpan? Lifetime = null,
    IReadOnlyList<string>? ClusterViews = null,
    IReadOnlyList<HomeFile>? Files = null,
    IReadOnlyList<string>? Tools = null)
{
    /// <summary>Nothing to prepare.</summary>
    public static LabSetup None { get; } = new([]);
}
