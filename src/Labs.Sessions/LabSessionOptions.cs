using System.ComponentModel.DataAnnotations;

namespace Labs.Sessions;

/// <summary>How learner sessions are provisioned. Bound from the configuration section <c>Sessions</c>.</summary>
public sealed class LabSessionOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Sessions";

    /// <summary>
    /// Namespace that holds the toolbox pods and their kubeconfig secrets, out of the learners' sight.
    /// Default <c>labs-system</c>; created when missing.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", ErrorMessage = "Sessions:SystemNamespace must be a DNS-1123 label.")]
    public string SystemNamespace { get; set; } = "labs-system";

    /// <summary>Prefix of learner namespaces; the session id follows it. Default <c>lab-</c>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][-a-z0-9]{0,20}$", ErrorMessage = "Sessions:NamespacePrefix must be lowercase letters, digits and '-', at most 21 characters.")]
    public string NamespacePrefix { get; set; } = "lab-";

    /// <summary>
    /// Image of the toolbox container (needs bash and kubectl). Default <c>docker.io/bitnami/kubectl:1.32</c>.
    /// The embedded cluster ignores images: its simulated kubelet runs a sandboxed shell from the host.
    /// </summary>
    [Required]
    public string ToolboxImage { get; set; } = "docker.io/bitnami/kubectl:1.32";

    /// <summary>
    /// API server URL written into the learner's kubeconfig, as seen from inside the toolbox pod.
    /// Default: none, meaning <c>https://kubernetes.default.svc</c>; the web host sets it for the embedded cluster.
    /// </summary>
    public Uri? ToolboxServer { get; set; }

    /// <summary>
    /// PEM of the CA that signs the API server's certificate, embedded in the learner's kubeconfig.
    /// Default: none, meaning the pod's mounted service-account CA (<c>/var/run/secrets/kubernetes.io/serviceaccount/ca.crt</c>).
    /// </summary>
    public string? ToolboxCertificateAuthorityPem { get; set; }

    /// <summary>
    /// Where toolboxes reach the lab library's Helm chart repository, given to the learner as <c>$LABS_CHARTS</c>
    /// (<c>helm repo add labs "$LABS_CHARTS"</c>): an absolute URL, or a path resolved against the learner's API server
    /// URL. Default: none; the web host sets <c>charts/</c> for the embedded cluster, whose API server serves it. On a
    /// real cluster, set it to the platform's own <c>/charts/</c> as pods reach it.
    /// </summary>
    public string? ChartRepository { get; set; }

    /// <summary>
    /// Lifetime of the learner's token in seconds; a new one is written into the toolbox when a third of it is left.
    /// Default 3600 (1 hour).
    /// </summary>
    [Range(600, 604800)]
    public int TokenExpirationSeconds { get; set; } = 3600;

    /// <summary>How long to wait for the toolbox pod to run before giving up. Default 2 minutes.</summary>
    public TimeSpan ToolboxReadyTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Most sessions one learner may have running (or starting) at once; one more is refused with
    /// <see cref="SessionLimitException"/> until they end one. Default 3.
    /// </summary>
    [Range(1, 1000)]
    public int MaxLiveSessionsPerLearner { get; set; } = 3;

    /// <summary>How long a session lasts (from when it is ready) for labs whose front matter sets no <c>expiry</c>. Default 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan DefaultLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How much one press of Extend adds to a session's expiry. Default 30 minutes.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan ExtendBy { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The longest a session may last from its start, extensions included. Default 8 hours.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often expired sessions are looked for and reaped. Default 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Environments of each lab kept provisioned ahead (the warm pool), so that Start only hands one over. Default 0
    /// (off); <see cref="PoolSizes"/> sets it per lab.
    /// </summary>
    [Range(0, 100)]
    public int PoolSize { get; set; }

    /// <summary>The warm pool's size per lab id, over <see cref="PoolSize"/> (e.g. <c>Sessions:PoolSizes:deployments-101=5</c>). Default none.</summary>
    public Dictionary<string, int> PoolSizes { get; } = new(StringComparer.Ordinal);
}
