using System.Text.Json.Nodes;
using Labs.Cluster.Registry;

namespace Labs.Cluster.Api;

/// <summary>
/// Versions other than the stored one (autoscaling/v1 HorizontalPodAutoscalers): bodies are converted to the stored
/// version after the request's own checks, and every object answered is converted to the version the request named.
/// </summary>
internal sealed partial class ApiServer
{
    /// <summary>A stored object in the version of <paramref name="strategy"/>.</summary>
    private static JsonObject Out(ResourceStrategy strategy, JsonObject stored) => strategy.FromStorage?.Invoke(stored) ?? stored;

    /// <summary>An object of the version of <paramref name="strategy"/> in the stored version.</summary>
    private static JsonObject In(ResourceStrategy strategy, JsonObject obj) => strategy.ToStorage?.Invoke(obj) ?? obj;
}
