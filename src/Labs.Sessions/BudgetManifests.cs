using k8s.Models;

namespace Labs.Sessions;

/// <summary>The objects that put a <see cref="SessionBudget"/> in force in a learner's namespace.</summary>
internal static class BudgetManifests
{
    public static V1ResourceQuota ResourceQuota(string ns, SessionBudget budget) => new()
    {
        ApiVersion = "v1",
        Kind = "ResourceQuota",
        Metadata = Metadata(ns, budget),
        Spec = new V1ResourceQuotaSpec { Hard = Quantities(budget.Quota) },
    };

    public static V1LimitRange LimitRange(string ns, SessionBudget budget) => new()
    {
        ApiVersion = "v1",
        Kind = "LimitRange",
        Metadata = Metadata(ns, budget),
        Spec = new V1LimitRangeSpec
        {
            Limits =
            [
                new V1LimitRangeItem
                {
                    Type = "Container",
                    DefaultProperty = Quantities(budget.Containers.Default),
                    DefaultRequest = Quantities(budget.Containers.DefaultRequest),
                    Max = Quantities(budget.Containers.Max),
                },
            ],
        },
    };

    /// <summary>A container's <c>resources</c>.</summary>
    public static V1ResourceRequirements Resources(ContainerResources resources) => new()
    {
        Requests = Quantities(resources.Requests),
        Limits = Quantities(resources.Limits),
    };

    private static V1ObjectMeta Metadata(string ns, SessionBudget budget) => new()
    {
        Name = SessionBudgets.ObjectName,
        NamespaceProperty = ns,
        Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "labs", ["labs.dev/budget"] = budget.Name },
    };

    private static Dictionary<string, ResourceQuantity> Quantities(IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(v => v.Key, v => new ResourceQuantity(v.Value), StringComparer.Ordinal);
}
