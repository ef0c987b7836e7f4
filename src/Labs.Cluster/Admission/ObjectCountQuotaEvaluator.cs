using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>
/// Counts objects of any type (<c>count/deployments.apps</c>, <c>count/jobs.batch</c>); configmaps, secrets, resourcequotas
/// and replicationcontrollers are also counted under their legacy bare names. Only creation changes a count.
/// </summary>
internal sealed class ObjectCountQuotaEvaluator : QuotaEvaluator
{
    private readonly string[] _names;

    /// <summary>Creates the evaluator; <paramref name="alias"/> is the legacy bare name, if any.</summary>
    public ObjectCountQuotaEvaluator(GroupResource resource, string? alias)
        : base(resource)
    {
        var count = "count/" + resource;
        _names = alias is null ? [count] : [count, alias];
    }

    /// <inheritdoc />
    public override bool Handles(AdmissionOperation operation) => operation == AdmissionOperation.Create;

    /// <inheritdoc />
    public override IReadOnlyList<string> MatchingResources(IEnumerable<string> names) => names.Where(_names.Contains).ToList();

    /// <inheritdoc />
    public override ResourceList Usage(JsonObject obj, DateTimeOffset now)
    {
        var usage = new ResourceList();
        foreach (var name in _names)
        {
            usage[name] = Quantity.FromInteger(1);
        }

        return usage;
    }
}
