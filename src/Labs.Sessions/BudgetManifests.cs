using System.Text.Json.Nodes;
using Labs.Kube;

namespace Labs.Sessions;

/// <summary>The objects that put a <see cref="SessionBudget"/> in force in a learner's namespace, as JSON bodies.</summary>
internal static class BudgetManifests
{
    /// <summary>core/v1 resourcequotas.</summary>
    public static readonly ResourceType ResourceQuotas = new("", "v1", "resourcequotas", "ResourceQuota", true);

    /// <summary>core/v1 limitranges.</summary>
    public static readonly ResourceType LimitRanges = new("", "v1", "limitranges", "LimitRange", true);

    public static JsonObject ResourceQuota(string ns, SessionBudget budget) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ResourceQuota",
        ["metadata"] = Metadata(ns, budget),
        ["spec"] = new JsonObject { ["hard"] = Map(budget.Quota) },
    };

    public static JsonObject LimitRange(string ns, SessionBudget budget) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "LimitRange",
        ["metadata"] = Metadata(ns, budget),
        ["spec"] = new JsonObject
        {
            ["limits"] = new JsonArray(new JsonObject
            {
                ["type"] = "Container",
                ["default"] = Map(budget.Containers.Default),
                ["defaultRequest"] = Map(budget.Containers.DefaultRequest),
                ["max"] = Map(budget.Containers.Max),
            }),
        },
    };

    /// <summary>A container's <c>resources</c> object.</summary>
    public static JsonObject Resources(ContainerResources resources) => new()
    {
        ["requests"] = Map(resources.Requests),
        ["limits"] = Map(resources.Limits),
    };

    private static JsonObject Metadata(string ns, SessionBudget budget) => new()
    {
        ["name"] = SessionBudgets.ObjectName,
        ["namespace"] = ns,
        ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "labs", ["labs.dev/budget"] = budget.Name },
    };

    private static JsonObject Map(IReadOnlyDictionary<string, string> values)
    {
        var map = new JsonObject();
        foreach (var (name, value) in values)
        {
            map[name] = value;
        }

        return map;
    }
}
