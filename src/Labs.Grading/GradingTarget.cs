namespace Labs.Grading;

/// <summary>What the grader grades: the learner's namespace and, for file, command and reachability checks, their toolbox pod.</summary>
/// <param name="Namespace">The learner's namespace; checks read objects there (cluster-scoped kinds without one).</param>
/// <param name="ToolboxNamespace">The toolbox pod's namespace; null when the learner has no toolbox.</param>
/// <param name="ToolboxPod">The toolbox pod's name; null when the learner has no toolbox.</param>
public sealed record GradingTarget(string Namespace, string? ToolboxNamespace = null, string? ToolboxPod = null)
{
    /// <summary>Whether checks that exec into the toolbox can run.</summary>
    public bool HasToolbox => !string.IsNullOrEmpty(ToolboxNamespace) && !string.IsNullOrEmpty(ToolboxPod);
}
