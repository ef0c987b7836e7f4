using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Workloads;

/// <summary>Which container of a pod a <c>pods/exec</c> or <c>pods/log</c> request means, decided as the kubelet does.</summary>
internal static class PodContainers
{
    /// <summary>
    /// The container named by <paramref name="requested"/>, else the pod's default container (annotation or only
    /// container). Throws 400 BadRequest with the kubelet's messages when there is no such container.
    /// </summary>
    /// <param name="pod">The pod as stored.</param>
    /// <param name="requested">The <c>container</c> query parameter, if any.</param>
    /// <param name="includeInitContainers">Whether init containers may be named (logs and exec: yes; attach: no).</param>
    /// <param name="includeEphemeralContainers">Whether ephemeral containers may be named (attach, logs).</param>
    public static JsonObject Resolve(JsonObject pod, string? requested, bool includeInitContainers, bool includeEphemeralContainers = false)
    {
        var podName = pod.Name();
        var containers = pod.Arr("spec", "containers").Objects().ToList();
        var name = requested;
        if (string.IsNullOrEmpty(name))
        {
            name = pod.Str("metadata", "annotations", "kubectl.kubernetes.io/default-container")
                ?? (containers.Count == 1 ? containers[0].Str("name") : null)
                ?? throw ApiErrors.BadRequest(
                    $"a container name must be specified for pod {podName}, choose one of: [{string.Join(' ', containers.Select(c => c.Str("name")))}]");
        }

        var candidates = includeInitContainers ? containers.Concat(pod.Arr("spec", "initContainers").Objects()) : containers;
        if (includeEphemeralContainers)
        {
            candidates = candidates.Concat(pod.Arr("spec", "ephemeralContainers").Objects());
        }

        return candidates.FirstOrDefault(c => c.Str("name") == name)
            ?? throw ApiErrors.BadRequest($"container {name} is not valid for pod {podName}");
    }
}
