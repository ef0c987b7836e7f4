namespace Labs.Kube;

/// <summary>How the platform reaches Kubernetes; bound from the configuration section <c>Kube</c>.</summary>
public sealed class KubeOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Kube";

    /// <summary>
    /// Path of the kubeconfig file. Default null: the default locations (<c>KUBECONFIG</c>, <c>~/.kube/config</c>,
    /// then the in-cluster service account).
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>The kubeconfig context to use. Default null: the kubeconfig's <c>current-context</c>.</summary>
    public string? Context { get; set; }

    /// <summary>Limit for each non-watch request. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>fieldManager</c> recorded on writes. Default <c>labs</c>.</summary>
    public string FieldManager { get; set; } = KubeClient.DefaultFieldManager;
}
