namespace Labs.Hosting;

/// <summary>
/// Which Kubernetes API the platform uses, bound from the configuration section <c>Cluster</c>: the embedded cluster
/// (the default), a kubeconfig, or the service account of the pod the platform runs in.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>
    /// Path of a kubeconfig for a real cluster (<c>~/</c> is expanded). Default: none, which starts the embedded cluster.
    /// KubernetesClient reads it: contexts, client certificates, tokens and exec plugins (EKS, GKE, AKS) all work.
    /// Set <c>Cluster__Kubeconfig=~/.kube/config</c> (or <c>--Cluster:Kubeconfig</c>) to use a real cluster.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Context in <see cref="Kubeconfig"/> to use. Default: its <c>current-context</c>.</summary>
    public string? Context { get; set; }

    /// <summary>
    /// Use the service account of the pod the platform runs in (<c>/var/run/secrets/kubernetes.io/serviceaccount</c>)
    /// instead of a kubeconfig. Default false.
    /// </summary>
    public bool InCluster { get; set; }

    /// <summary>Limit for each API request other than watches and exec. Default 30 seconds.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where the platform keeps its data: the embedded cluster's CA, keys and admin kubeconfig, pod files.
    /// Default <c>$XDG_DATA_HOME/labs</c>, else <c>~/.local/share/labs</c>; for root <c>/var/lib/labs</c> (pods' sandboxes
    /// run as other users and must be able to pass through every directory above theirs, which root's home forbids).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Port of the embedded cluster's API server on 127.0.0.1. Default 0: any free port.</summary>
    public int EmbeddedPort { get; set; }

    /// <summary>Number of simulated nodes of the embedded cluster. Default 2.</summary>
    public int EmbeddedNodes { get; set; } = 2;

    /// <summary>Whether these options choose the embedded cluster.</summary>
    public bool UsesEmbeddedCluster => string.IsNullOrWhiteSpace(Kubeconfig) && !InCluster;

    /// <summary>The data directory with its default applied.</summary>
    public string ResolvedDataDirectory()
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            return Path.GetFullPath(ExpandHome(DataDirectory));
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(xdg) && Environment.IsPrivilegedProcess)
        {
            return "/var/lib/labs";
        }

        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "labs");
    }

    /// <summary>Expands a leading <c>~/</c> to the user's home.</summary>
    public static string ExpandHome(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
    }
}
