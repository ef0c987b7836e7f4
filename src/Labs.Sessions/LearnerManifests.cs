using System.Text;
using System.Text.Json.Nodes;

namespace Labs.Sessions;

/// <summary>The Kubernetes objects that make up one learner's environment, as JSON bodies.</summary>
internal static class LearnerManifests
{
    /// <summary>The learner's service account and role name, in their namespace.</summary>
    public const string LearnerName = "learner";

    /// <summary>Label carrying the session id on every object of a session.</summary>
    public const string SessionLabel = "labs.dev/session";

    /// <summary>Label carrying the lab id.</summary>
    public const string LabLabel = "labs.dev/lab";

    public static JsonObject Namespace(string name, string? sessionId, string? labId)
    {
        var labels = new JsonObject { ["app.kubernetes.io/managed-by"] = "labs" };
        if (sessionId is not null)
        {
            labels[SessionLabel] = sessionId;
        }

        if (labId is not null)
        {
            labels[LabLabel] = labId;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
        };
    }

    public static JsonObject ServiceAccount(string ns) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ServiceAccount",
        ["metadata"] = new JsonObject { ["name"] = LearnerName, ["namespace"] = ns },
    };

    /// <summary>Everything inside the learner's own namespace except changing its budget, nothing outside it.</summary>
    public static JsonObject Role(string ns) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "Role",
        ["metadata"] = new JsonObject { ["name"] = LearnerName, ["namespace"] = ns },
        ["rules"] = LearnerRules.All(),
    };

    public static JsonObject RoleBinding(string ns) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "RoleBinding",
        ["metadata"] = new JsonObject { ["name"] = LearnerName, ["namespace"] = ns },
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = LearnerName },
        ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "ServiceAccount", ["name"] = LearnerName, ["namespace"] = ns }),
    };

    public static JsonObject TokenRequest(int expirationSeconds) => new()
    {
        ["apiVersion"] = "authentication.k8s.io/v1",
        ["kind"] = "TokenRequest",
        ["spec"] = new JsonObject { ["expirationSeconds"] = expirationSeconds },
    };

    public static JsonObject ToolboxSecret(string systemNamespace, string name, string sessionId, string kubeconfig, string bashrc) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = systemNamespace,
            ["labels"] = new JsonObject { [SessionLabel] = sessionId },
        },
        ["type"] = "Opaque",
        ["data"] = new JsonObject
        {
            ["kubeconfig"] = Base64(kubeconfig),
            ["bashrc"] = Base64(bashrc),
        },
    };

    /// <summary>The learner's shell; its resource limits are the sandbox's limits, its pids limit an annotation the embedded kubelet reads.</summary>
    public static JsonObject ToolboxPod(string systemNamespace, string name, string sessionId, string secretName, string image, SessionBudget budget) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = systemNamespace,
            ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "labs-toolbox", [SessionLabel] = sessionId },
            ["annotations"] = new JsonObject
            {
                [SessionBudgets.PidsLimitAnnotation] = budget.PidsLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        },
        ["spec"] = new JsonObject
        {
            ["containers"] = new JsonArray(new JsonObject
            {
                ["name"] = "shell",
                ["image"] = image,
                ["command"] = new JsonArray("sleep", "infinity"),
                ["env"] = new JsonArray(new JsonObject { ["name"] = "KUBECONFIG", ["value"] = $"{ToolboxFiles.MountPath}/kubeconfig" }),
                ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "toolbox", ["mountPath"] = ToolboxFiles.MountPath, ["readOnly"] = true }),
                ["resources"] = BudgetManifests.Resources(budget.Toolbox),
            }),
            ["volumes"] = new JsonArray(new JsonObject
            {
                ["name"] = "toolbox",
                ["secret"] = new JsonObject { ["secretName"] = secretName, ["defaultMode"] = 384 /* 0600: the kubeconfig holds the learner's token */ },
            }),
        },
    };

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
