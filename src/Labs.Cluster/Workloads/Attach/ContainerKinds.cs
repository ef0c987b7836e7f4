using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads.Attach;

/// <summary>Where a container sits in its pod's spec, which decides how the kubelet restarts it.</summary>
internal enum ContainerKind
{
    /// <summary>One of <c>spec.containers</c>.</summary>
    Regular,

    /// <summary>One of <c>spec.initContainers</c> that runs to completion before the next starts.</summary>
    Init,

    /// <summary>An init container with <c>restartPolicy: Always</c>: a sidecar, which runs beside the regular containers.</summary>
    Sidecar,

    /// <summary>One of <c>spec.ephemeralContainers</c> (<c>kubectl debug</c>), never restarted.</summary>
    Ephemeral,
}

/// <summary>What one sync of a container found: its status, when to look again, and whether a new run started.</summary>
internal sealed record ContainerSync(JsonObject Status, TimeSpan? Wake, bool NewRun);

/// <summary>The kinds of a pod's containers and the restart policy the kubelet applies to each.</summary>
internal static class ContainerKinds
{
    /// <summary>Whether an init container is a sidecar (its own <c>restartPolicy: Always</c>).</summary>
    public static bool IsSidecar(JsonObject initContainer) => initContainer.Str("restartPolicy") == "Always";

    /// <summary>
    /// The restart policy of a container of <paramref name="kind"/>: a regular container's is the pod's; an init
    /// container is retried after a failure unless the pod's is Never; a sidecar always restarts; an ephemeral
    /// container never does.
    /// </summary>
    public static string RestartPolicy(JsonObject pod, ContainerKind kind)
    {
        var policy = pod.Str("spec", "restartPolicy") ?? "Always";
        return kind switch
        {
            ContainerKind.Regular => policy,
            ContainerKind.Init => policy == "Never" ? "Never" : "OnFailure",
            ContainerKind.Sidecar => "Always",
            _ => "Never",
        };
    }
}
