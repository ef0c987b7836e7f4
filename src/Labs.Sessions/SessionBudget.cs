namespace Labs.Sessions;

/// <summary>
/// What one lab session may use, applied through the Kubernetes API so that it holds on a real cluster as on the embedded
/// one: the learner namespace's ResourceQuota, the LimitRange that gives its containers defaults and a ceiling, and the
/// toolbox pod's own resources (which the embedded kubelet enforces as the sandbox's cgroup and disk limits).
/// </summary>
/// <param name="Name">The preset's name as labs choose it (<c>budget: small</c>).</param>
/// <param name="Quota">The ResourceQuota's <c>spec.hard</c>: resource name → quantity.</param>
/// <param name="Containers">The LimitRange's Container item.</param>
/// <param name="Toolbox">Requests and limits of the toolbox container.</param>
/// <param name="PidsLimit">
/// Most processes in the toolbox, written on its pod as the <see cref="SessionBudgets.PidsLimitAnnotation"/> annotation
/// (the embedded kubelet reads it; on a real cluster the node's <c>podPidsLimit</c> applies).
/// </param>
public sealed record SessionBudget(
    string Name,
    IReadOnlyDictionary<string, string> Quota,
    ContainerLimitRange Containers,
    ContainerResources Toolbox,
    int PidsLimit);
