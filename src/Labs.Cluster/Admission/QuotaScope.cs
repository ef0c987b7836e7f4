using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>One scope a quota is limited to: a <c>spec.scopes</c> entry (operator Exists) or a <c>scopeSelector</c> expression.</summary>
/// <param name="ScopeName">Terminating, NotTerminating, BestEffort, NotBestEffort, PriorityClass or CrossNamespacePodAffinity.</param>
/// <param name="Operator">In, NotIn, Exists or DoesNotExist.</param>
/// <param name="Values">The values of In and NotIn.</param>
internal sealed record QuotaScope(string ScopeName, string Operator, IReadOnlyList<string> Values)
{
    /// <summary>The scopes of a quota; an object must match all of them to be counted.</summary>
    public static IReadOnlyList<QuotaScope> Of(JsonObject quota)
    {
        var scopes = new List<QuotaScope>();
        foreach (var scope in quota["spec"]?["scopes"] as JsonArray ?? [])
        {
            scopes.Add(new QuotaScope((string?)scope ?? string.Empty, "Exists", []));
        }

        foreach (var expression in (quota["spec"]?["scopeSelector"]?["matchExpressions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var values = (expression["values"] as JsonArray ?? []).Select(v => (string?)v ?? string.Empty).ToList();
            scopes.Add(new QuotaScope((string?)expression["scopeName"] ?? string.Empty, (string?)expression["operator"] ?? string.Empty, values));
        }

        return scopes;
    }

    /// <summary>Label-selector semantics against a one-label set <c>{ScopeName: value}</c> (empty when value is null).</summary>
    public bool Selects(string? value) => Operator switch
    {
        "In" => value is not null && Values.Contains(value, StringComparer.Ordinal),
        "NotIn" => value is null || !Values.Contains(value, StringComparer.Ordinal),
        "Exists" => value is not null,
        "DoesNotExist" => value is null,
        _ => false,
    };
}
