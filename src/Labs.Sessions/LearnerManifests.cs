using System.Globalization;
using System.Text;
using k8s.Models;

namespace Labs.Sessions;

/// <summary>The Kubernetes objects that make up one learner's environment, as KubernetesClient's typed models.</summary>
internal static class LearnerManifests
{
    /// <summary>The learner's service account and role name, in their namespace.</summary>
    public const string LearnerName = "learner";

    /// <summary>Label carrying the session id on every object of a session.</summary>
    public const string SessionLabel = "labs.dev/session";

    /// <summary>Label carrying the lab id.</summary>
    public const string LabLabel = "labs.dev/lab";

    /// <summary>Label on the namespace of a pooled session (not yet handed to a learner): the lab it is ready for.</summary>
    public const string PoolLabel = "labs.dev/pool";

    public static V1Namespace Namespace(string name, string? sessionId, string? labId, bool pooled = false)
    {
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "labs" };
        if (pooled && labId is not null)
        {
            labels[PoolLabel] = labId;
        }

        if (sessionId is not null)
        {
            labels[SessionLabel] = sessionId;
        }

        if (labId is not null)
        {
            labels[LabLabel] = labId;
        }

        return new V1Namespace { ApiVersion = "v1", Kind = "Namespace", Metadata = new V1ObjectMeta { Name = name, Labels = labels } };
    }

    public static V1ServiceAccount ServiceAccount(string ns) => new()
    {
        ApiVersion = "v1",
        Kind = "ServiceAccount",
        Metadata = new V1ObjectMeta { Name = LearnerName, NamespaceProperty = ns },
    };

    /// <summary>Everything inside the learner's own namespace except changing its budget, nothing outside it.</summary>
    public static V1Role Role(string ns) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "Role",
        Metadata = new V1ObjectMeta { Name = LearnerName, NamespaceProperty = ns },
        Rules = LearnerRules.All(),
    };

    public static V1RoleBinding RoleBinding(string ns) => new()
    {
        ApiVersion = "rbac.authorization.k8s.io/v1",
        Kind = "RoleBinding",
        Metadata = new V1ObjectMeta { Name = LearnerName, NamespaceProperty = ns },
        RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = LearnerName },
        Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = LearnerName, NamespaceProperty = ns }],
    };

    public static Authenticationv1TokenRequest TokenRequest(int expirationSeconds) => new()
    {
        ApiVersion = "authentication.k8s.io/v1",
        Kind = "TokenRequest",
        Spec = new V1TokenRequestSpec { ExpirationSeconds = expirationSeconds },
    };

    /// <summary>The toolbox's start-up file and, when known, the API server's CA. (The kubeconfig, with its token, is written into the pod by exec.)</summary>
    public static V1Secret ToolboxSecret(string systemNamespace, string name, string sessionId, string bashrc, string? caPem) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = systemNamespace,
            Labels = new Dictionary<string, string> { [SessionLabel] = sessionId },
        },
        Type = "Opaque",
        Data = caPem is null
            ? new Dictionary<string, byte[]> { ["bashrc"] = Encoding.UTF8.GetBytes(bashrc) }
            : new Dictionary<string, byte[]> { ["bashrc"] = Encoding.UTF8.GetBytes(bashrc), [ToolboxFiles.CaFileName] = Encoding.UTF8.GetBytes(caPem) },
    };

    /// <summary>
    /// The learner's shell; its resource limits are the sandbox's limits, its pids limit an annotation the embedded
    /// kubelet reads. Its DNS searches the learner's namespace too, so that a Service's short name (<c>curl http://web/</c>)
    /// resolves from the terminal as from a pod of the learner's namespace.
    /// </summary>
    /// <param name="learnerNamespace">The learner's namespace.</param>
    /// <param name="environment">Variables of the shell besides <c>KUBECONFIG</c>.</param>
    public static V1Pod ToolboxPod(string systemNamespace, string learnerNamespace, string name, string sessionId, string secretName, string image, SessionBudget budget,
        IReadOnlyDictionary<string, string> environment) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = systemNamespace,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "labs-toolbox", [SessionLabel] = sessionId },
            Annotations = new Dictionary<string, string>
            {
                [SessionBudgets.PidsLimitAnnotation] = budget.PidsLimit.ToString(CultureInfo.InvariantCulture),
            },
        },
        Spec = new V1PodSpec
        {
            DnsConfig = new V1PodDNSConfig { Searches = [$"{learnerNamespace}.svc.cluster.local"] },
            Containers =
            [
                new V1Container
                {
                    Name = "shell",
                    Image = image,
                    Command = ["sleep", "infinity"],
                    Env = [new V1EnvVar { Name = "KUBECONFIG", Value = ToolboxFiles.KubeconfigPath }, .. environment.Select(e => new V1EnvVar { Name = e.Key, Value = e.Value })],
                    VolumeMounts =
                    [
                        new V1VolumeMount { Name = "toolbox", MountPath = ToolboxFiles.MountPath, ReadOnlyProperty = true },
                        new V1VolumeMount { Name = "config", MountPath = ToolboxFiles.ConfigDirectory },
                    ],
                    Resources = BudgetManifests.Resources(budget.Toolbox),
                },
            ],
            Volumes =
            [
                new V1Volume
                {
                    Name = "toolbox",
                    Secret = new V1SecretVolumeSource { SecretName = secretName, DefaultMode = 384 },
                },
                new V1Volume { Name = "config", EmptyDir = new V1EmptyDirVolumeSource { Medium = "Memory", SizeLimit = new ResourceQuantity("1Mi") } },
            ],
        },
    };
}
