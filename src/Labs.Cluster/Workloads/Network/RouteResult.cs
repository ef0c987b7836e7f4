namespace Labs.Cluster.Workloads.Network;

/// <summary>What becomes of a pod's connection: carried on to <see cref="Target"/>, dropped (a NetworkPolicy) or refused.</summary>
internal readonly record struct RouteResult(Stream? Target, bool Drop)
{
    public static RouteResult Refuse => default;

    public static RouteResult Dropped => new(null, true);

    public static RouteResult To(Stream? target) => new(target, false);
}
