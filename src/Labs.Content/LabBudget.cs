namespace Labs.Content;

/// <summary>
/// How much a session of the lab may use (front matter <c>budget:</c>, default <c>small</c>). The sessions module turns
/// each value into a ResourceQuota, a LimitRange and the toolbox's limits; docs/authoring.md lists the figures.
/// </summary>
public enum LabBudget
{
    /// <summary><c>small</c>: one learner practising the basics (10 pods).</summary>
    Small,
    /// <summary><c>medium</c>: a few applications at once (20 pods).</summary>
    Medium,
    /// <summary><c>large</c>: exam-style environments with many workloads (40 pods).</summary>
    Large,
}
