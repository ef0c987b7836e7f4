using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>
/// What quota knows about one resource type (apiserver's <c>quota.Evaluator</c>): which quota resource names it feeds,
/// how much of them one object uses, and which writes change that.
/// </summary>
internal abstract class QuotaEvaluator(GroupResource resource)
{
    /// <summary>The resource type measured.</summary>
    public GroupResource Resource { get; } = resource;

    /// <summary>Whether a write of this kind can change usage.</summary>
    public abstract bool Handles(AdmissionOperation operation);

    /// <summary>The names among <paramref name="names"/> this evaluator measures.</summary>
    public abstract IReadOnlyList<string> MatchingResources(IEnumerable<string> names);

    /// <summary>What one object uses.</summary>
    public abstract ResourceList Usage(JsonObject obj, DateTimeOffset now);

    /// <summary>Why the object cannot be admitted under a quota restricting <paramref name="required"/>, or null.</summary>
    public virtual string? Constraints(IReadOnlyList<string> required, JsonObject obj) => null;

    /// <summary>Whether the object falls in the scope; resources without scopes never do.</summary>
    public virtual bool MatchesScope(QuotaScope scope, JsonObject obj) => false;

    /// <summary>Whether the quota limits this object: it names a resource measured here and every scope matches.</summary>
    public bool Matches(JsonObject quota, IEnumerable<string> hardNames, JsonObject obj) =>
        MatchingResources(hardNames).Count > 0 && QuotaScope.Of(quota).All(scope => MatchesScope(scope, obj));
}
