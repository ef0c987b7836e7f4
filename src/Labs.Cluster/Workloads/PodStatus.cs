using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>Reads readiness from a pod's status.</summary>
internal static class PodStatus
{
    public static bool IsReady(JsonObject pod) => ReadyCondition(pod)?.Str("status") == "True";

    public static DateTimeOffset? ReadySince(JsonObject pod) =>
        DateTimeOffset.TryParse(ReadyCondition(pod)?.Str("lastTransitionTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static JsonObject? ReadyCondition(JsonObject pod) =>
        pod.Arr("status", "conditions").Objects().FirstOrDefault(c => c.Str("type") == "Ready");
}
