using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>What admission sees of one write (Kubernetes' <c>admission.Attributes</c>).</summary>
/// <param name="Operation">Create or update.</param>
/// <param name="Resource">The resource type written.</param>
/// <param name="Namespace">The namespace; empty for cluster-scoped objects.</param>
/// <param name="Object">The object about to be stored; mutating plugins change it in place.</param>
/// <param name="OldObject">The stored object an update replaces; null on create.</param>
internal sealed record AdmissionRequest(AdmissionOperation Operation, GroupResource Resource, string Namespace, JsonObject Object, JsonObject? OldObject)
{
    /// <summary>The object's kind.</summary>
    public string Kind => (string?)Object["kind"] ?? string.Empty;

    /// <summary>
    /// 403 Forbidden as <c>admission.NewForbidden</c> words it: <c>pods "web-x" is forbidden: ...</c>, naming the object by
    /// its name, else its generateName, else <c>Unknown</c>.
    /// </summary>
    public ApiException Forbidden(string reason)
    {
        var name = (string?)Object["metadata"]?["name"] is { Length: > 0 } given ? given
            : (string?)Object["metadata"]?["generateName"] is { Length: > 0 } prefix ? prefix
            : "Unknown";
        return new ApiException(403, "Forbidden", $"{Resource} \"{name}\" is forbidden: {reason}", ApiErrors.Details(Resource, name));
    }
}
