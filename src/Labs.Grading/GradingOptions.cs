namespace Labs.Grading;

/// <summary>Settings of the grader; bound to configuration section <c>Grading</c>.</summary>
public sealed class GradingOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "Grading";

    /// <summary>
    /// The kubeconfig <c>as: grader</c> commands run with (as <c>KUBECONFIG</c>). Default (empty): the platform's own
    /// cluster, i.e. the embedded cluster's admin kubeconfig or <c>Cluster:Kubeconfig</c>, filled in by the host.
    /// Without one, grader commands fail with a message saying so.
    /// </summary>
    public string GraderKubeconfig { get; set; } = "";
}
