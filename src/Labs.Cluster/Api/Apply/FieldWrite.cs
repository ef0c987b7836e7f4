using System.Globalization;
using Labs.Cluster.Registry;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// One write as field management sees it: the manager, the resource's version and type, the subresource written
/// through, and the time. It also knows which fields the write cannot own: the object's identity and bookkeeping
/// (<c>metadata.name</c>, <c>uid</c>, <c>resourceVersion</c>...), and the fields the subresource resets (a status
/// write owns only <c>status</c>, a write of the main resource of a kind with a status subresource never owns it).
/// </summary>
internal sealed record FieldWrite(string Manager, string ApiVersion, ApplyType Type, string Subresource, bool HasStatus, DateTimeOffset Now)
{
    private static readonly FieldSet Stripped = StrippedFields();

    /// <summary>The write of <paramref name="manager"/> to an object of <paramref name="strategy"/>'s kind.</summary>
    public static FieldWrite For(ResourceStrategy strategy, string manager, string subresource, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new(manager, strategy.Definition.ApiVersion, ApplyTypes.For(strategy), subresource, strategy.HasStatus, now);
    }

    /// <summary>The time as managedFields record it (RFC 3339, seconds, UTC).</summary>
    public string Time => Now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The paths of <paramref name="fields"/> this write can own.</summary>
    public FieldSet Ownable(FieldSet fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var kept = Subresource switch
        {
            "status" => fields.Only("f:status"),
            "" when HasStatus => fields.RecursiveDifference(StatusOnly),
            _ => fields,
        };
        return kept.Difference(Stripped);
    }

    private static readonly FieldSet StatusOnly = FieldSet.FromFieldsV1(new System.Text.Json.Nodes.JsonObject { ["f:status"] = new System.Text.Json.Nodes.JsonObject() });

    // The apiserver's strip-meta manager: identity and bookkeeping are nobody's.
    private static FieldSet StrippedFields()
    {
        var set = new FieldSet();
        set.Insert(["f:apiVersion"]);
        set.Insert(["f:kind"]);
        set.Insert(["f:metadata"]);
        foreach (var field in (string[])["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"])
        {
            set.Insert(["f:metadata", "f:" + field]);
        }

        return set;
    }
}
