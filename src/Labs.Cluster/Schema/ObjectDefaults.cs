using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>
/// Server-side defaulting as Kubernetes v1.32 applies it on create and update (API defaults plus the effects of the
/// default admission plugins: ServiceAccount, Priority, DefaultTolerationSeconds). Only missing values are filled.
/// Cluster IPs, node ports and service-account token volumes are not assigned here.
/// </summary>
public static partial class ObjectDefaults
{
    /// <summary>Fills defaults using the object's own <c>apiVersion</c> and <c>kind</c>; objects without them are left unchanged.</summary>
    /// <param name="obj">The object as JSON.</param>
    public static void Apply(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (Text(obj, "apiVersion") is { } apiVersion && Text(obj, "kind") is { } kind)
        {
            Apply(apiVersion, kind, obj);
        }
    }

    /// <summary>Fills defaults into <paramref name="obj"/> in place; kinds without defaults are left unchanged.</summary>
    /// <param name="apiVersion"><c>v1</c>, <c>apps/v1</c>, ...</param>
    /// <param name="kind">Kind of the object.</param>
    /// <param name="obj">The object as JSON.</param>
    public static void Apply(string apiVersion, string kind, JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);

        // Each kind's defaults are declared with its registry entry; this is the way in for callers holding only JSON.
        Registry.ResourceRegistry.Builtin.FindByKind(apiVersion, kind)?.Defaults?.Invoke(obj);
    }

    /// <summary>ReplicaSet defaults: one replica, pod template defaults.</summary>
    internal static void ApplyReplicaSet(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        SetIfMissing(spec, "replicas", 1);
        ApplyPodSpec(Child(Child(spec, "template"), "spec"));
    }

    /// <summary>Secret defaults: type Opaque.</summary>
    internal static void ApplySecret(JsonObject obj) => SetString(obj, "type", "Opaque");

    /// <summary>Deployment defaults: one replica, rolling update 25%/25%, history 10, deadline 600 s, pod template defaults.</summary>
    internal static void ApplyDeployment(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        SetIfMissing(spec, "replicas", 1);
        JsonObject strategy = Child(spec, "strategy");
        SetString(strategy, "type", "RollingUpdate");
        if (Text(strategy, "type") == "RollingUpdate")
        {
            JsonObject rolling = Child(strategy, "rollingUpdate");
            SetIfMissing(rolling, "maxUnavailable", "25%");
            SetIfMissing(rolling, "maxSurge", "25%");
        }

        SetIfMissing(spec, "revisionHistoryLimit", 10);
        SetIfMissing(spec, "progressDeadlineSeconds", 600);
        ApplyPodSpec(Child(Child(spec, "template"), "spec"));
    }

    /// <summary>PersistentVolumeClaim defaults: volumeMode Filesystem, phase Pending.</summary>
    internal static void ApplyPersistentVolumeClaim(JsonObject obj)
    {
        SetString(Child(obj, "spec"), "volumeMode", "Filesystem");
        SetString(Child(obj, "status"), "phase", "Pending");
    }

    /// <summary>PersistentVolume defaults: reclaim policy Retain, volumeMode Filesystem, phase Pending.</summary>
    internal static void ApplyPersistentVolume(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        SetString(spec, "persistentVolumeReclaimPolicy", "Retain");
        SetString(spec, "volumeMode", "Filesystem");
        SetString(Child(obj, "status"), "phase", "Pending");
    }

    /// <summary>Job defaults (SetDefaults_Job), pod template defaults included.</summary>
    internal static void ApplyJob(JsonObject obj) => ApplyJobSpec(Child(obj, "spec"));

    /// <summary>CronJob defaults (SetDefaults_CronJob), the job template's included.</summary>
    internal static void ApplyCronJob(JsonObject obj)
    {
        JsonObject spec = Child(obj, "spec");
        SetString(spec, "concurrencyPolicy", "Allow");
        SetIfMissing(spec, "suspend", false);
        SetIfMissing(spec, "successfulJobsHistoryLimit", 3);
        SetIfMissing(spec, "failedJobsHistoryLimit", 1);
        ApplyJobSpec(Child(Child(spec, "jobTemplate"), "spec"));
    }

    private static void ApplyJobSpec(JsonObject spec)
    {
        // completions and parallelism default to 1 only when both are unset (a work-queue job leaves completions nil).
        if (spec["completions"] is null && spec["parallelism"] is null)
        {
            spec["completions"] = 1;
        }

        SetIfMissing(spec, "parallelism", 1);
        SetIfMissing(spec, "backoffLimit", 6);
        SetIfMissing(spec, "completionMode", "NonIndexed");
        SetIfMissing(spec, "suspend", false);
        SetIfMissing(spec, "manualSelector", false);
        SetIfMissing(spec, "podReplacementPolicy", "TerminatingOrFailed");
        ApplyPodSpec(Child(Child(spec, "template"), "spec"));
    }

    /// <summary>Namespace defaults: the name label, the kubernetes finalizer, phase Active.</summary>
    internal static void ApplyNamespace(JsonObject obj)
    {
        JsonObject metadata = Child(obj, "metadata");
        if (Text(metadata, "name") is { Length: > 0 } name)
        {
            Child(metadata, "labels")["kubernetes.io/metadata.name"] = name;
        }

        JsonObject spec = Child(obj, "spec");
        if (spec["finalizers"] is not JsonArray)
        {
            spec["finalizers"] = new JsonArray("kubernetes");
        }

        SetString(Child(obj, "status"), "phase", "Active");
    }

    /// <summary>RoleBinding and ClusterRoleBinding defaults: the RBAC API group on User and Group subjects.</summary>
    internal static void ApplySubjects(JsonObject obj)
    {
        foreach (JsonObject subject in Items(obj, "subjects"))
        {
            if (Text(subject, "kind") is "User" or "Group")
            {
                SetString(subject, "apiGroup", "rbac.authorization.k8s.io");
            }
        }
    }

    /// <summary>The child object, created when missing or null (a non-object value is left alone and a detached object returned).</summary>
    private static JsonObject Child(JsonObject parent, string name)
    {
        switch (parent[name])
        {
            case JsonObject existing:
                return existing;
            case null:
                var created = new JsonObject();
                parent[name] = created;
                return created;
            default:
                // A wrong type is the validator's to report; defaulting must not crash on it.
                return [];
        }
    }

    private static List<JsonObject> Items(JsonObject parent, string name) =>
        parent[name] is JsonArray array ? array.OfType<JsonObject>().ToList() : [];

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>Sets a string when missing, null or empty (Go defaulting treats "" as unset).</summary>
    private static void SetString(JsonObject obj, string name, string value)
    {
        if (obj[name] is null || Text(obj, name) == "")
        {
            obj[name] = value;
        }
    }

    private static void SetIfMissing(JsonObject obj, string name, JsonNode value)
    {
        if (obj[name] is null)
        {
            obj[name] = value;
        }
    }

    private static bool IsZeroOrMissing(JsonNode? node) =>
        node is null || (node is JsonValue v && (v.ToJsonString() is "0" or "\"\""));
}
