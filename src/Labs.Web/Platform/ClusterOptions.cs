namespace Labs.Web.Platform;

/// <summary>Which Kubernetes API the platform uses. Bound from the configuration section <c>Cluster</c>.</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>
    /// Path of a kubeconfig for a real cluster. Default: none, which starts the embedded cluster.
    /// Set <c>Cluster__Kubeconfig=~/.kube/config</c> (or <c>--Cluster:Kubeconfig</c>) to use a real cluster.
    /// </summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Context in <see cref="Kubeconfig"/> to use. Default: its current context.</summary>
    public string? Context { get; set; }

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
    public static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..])
            : path;
}
