using System.Text.Json.Nodes;

namespace Labs.Cluster.Access;

/// <summary>Rule matching, as Kubernetes' <c>rbac/v1</c> helpers do it.</summary>
public sealed partial class RbacAuthorizer
{
    /// <summary>Whether one PolicyRule grants the request.</summary>
    internal static bool RuleAllows(JsonObject rule, RequestAttributes attributes)
    {
        if (!Matches(JsonFields.Strings(rule, "verbs"), attributes.Verb))
        {
            return false;
        }

        if (!attributes.IsResourceRequest)
        {
            return JsonFields.Strings(rule, "nonResourceURLs").Any(pattern => PathMatches(pattern, attributes.Path));
        }

        if (!Matches(JsonFields.Strings(rule, "apiGroups"), attributes.ApiGroup) || !ResourceMatches(JsonFields.Strings(rule, "resources"), attributes))
        {
            return false;
        }

        var names = JsonFields.Strings(rule, "resourceNames");
        return names.Count == 0 || (attributes.Name.Length > 0 && names.Contains(attributes.Name, StringComparer.Ordinal));
    }

    /// <summary>
    /// The rules of a ClusterRole; for an aggregated ClusterRole (with <c>aggregationRule</c>) also the rules of every
    /// ClusterRole its selectors pick, since no controller fills them in here.
    /// </summary>
    internal IReadOnlyList<JsonObject> ClusterRoleRules(string name)
    {
        var role = _store.Get(ClusterRoles, null, name);
        if (role is null)
        {
            return [];
        }

        var rules = new List<JsonObject>(JsonFields.Objects(role, "rules"));
        var selectors = JsonFields.Objects(JsonFields.Object(role, "aggregationRule"), "clusterRoleSelectors").ToList();
        if (selectors.Count == 0)
        {
            return rules;
        }

        foreach (var candidate in _store.List(ClusterRoles, null).Items)
        {
            var labels = JsonFields.Object(JsonFields.Object(candidate, "metadata"), "labels");
            if (JsonFields.Name(candidate) != name && selectors.Any(s => LabelsMatch(JsonFields.Object(s, "matchLabels"), labels)))
            {
                rules.AddRange(JsonFields.Objects(candidate, "rules"));
            }
        }

        // The stored role may already hold the aggregated rules (filled at creation); list each rule once.
        return rules.DistinctBy(rule => rule.ToJsonString()).ToList();
    }

    private static bool Matches(IReadOnlyList<string> allowed, string value) =>
        allowed.Any(a => a == "*" || a == value);

    private static bool ResourceMatches(IReadOnlyList<string> allowed, RequestAttributes attributes)
    {
        var combined = attributes.ResourceWithSubresource;
        foreach (var entry in allowed)
        {
            if (entry == "*" || entry == combined)
            {
                return true;
            }

            // "*/scale" grants the scale subresource of every resource.
            if (attributes.Subresource.Length > 0 && entry.StartsWith("*/", StringComparison.Ordinal) && entry[2..] == attributes.Subresource)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A nonResourceURLs entry: <c>*</c>, an exact path, or a prefix ending in <c>*</c>.</summary>
    private static bool PathMatches(string pattern, string path)
    {
        if (pattern == "*" || pattern == path)
        {
            return true;
        }

        return pattern.EndsWith('*') && path.StartsWith(pattern[..^1], StringComparison.Ordinal);
    }

    private static bool LabelsMatch(JsonObject? required, JsonObject? labels)
    {
        if (required is null || required.Count == 0)
        {
            // An empty selector matches nothing in aggregation, so a typo cannot grant everything.
            return false;
        }

        return required.All(pair => JsonFields.String(labels, pair.Key) is { } value && pair.Value is JsonValue wanted && wanted.ToString() == value);
    }
}
