using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>Reads readiness from a pod's status.</summary>
internal static class PodStatus
{
    public static bool IsReady(JsonObject pod) => ReadyCondition(pod)?.Str("status") == "True";

    /// <summary>
    /// Which pods a controller removes first when it has too many (controller.ActivePods): unscheduled, then pending,
    /// then not ready, then ready ones; lower ranks go first.
    /// </summary>
    public static int DeletionRank(JsonObject pod) =>
        string.IsNullOrEmpty(pod.Str("spec", "nodeName")) ? 0
        : pod.Str("status", "phase") != "Running" ? 1
        : IsReady(pod) ? 3 : 2;

    public static DateTimeOffset? ReadySince(JsonObject pod) =>
        DateTimeOffset.TryParse(ReadyCondition(pod)?.Str("lastTransitionTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static JsonObject? ReadyCondition(JsonObject pod) =>
        pod.Arr("status", "conditions").Objects().FirstOrDefault(c => c.Str("type") == "Ready");
}
