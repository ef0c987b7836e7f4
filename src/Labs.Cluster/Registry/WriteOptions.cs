using System.Text.Json.Nodes;
using Labs.Cluster.Api.Apply;

namespace Labs.Cluster.Registry;

/// <summary>How one write through the registry is made.</summary>
/// <param name="DryRun">Whether the write is only checked and answered, never stored (<c>dryRun=All</c>).</param>
/// <param name="Admit">
/// A check of the request's own (such as RBAC escalation prevention for the requesting user), run on the object as it
/// would be stored, after validation and defaulting and before admission; it throws to refuse. Null for none.
/// </param>
/// <param name="Fields">
/// The field manager of a client's write: its changes to the defaulted object are recorded in
/// <c>metadata.managedFields</c>. Null for writes of the cluster's own (controllers, bootstrap), which keep the managed
/// fields the stored object has when they send none.
/// </param>
/// <param name="FieldsDecided">
/// Whether the object already carries the managed fields to store (a server-side apply decided them), so they are
/// neither recorded nor kept from the stored object.
/// </param>
/// <param name="Requester">The user who made the request, for kinds that record it (a CSR's requestor); null for the cluster's own writes.</param>
internal sealed record WriteOptions(bool DryRun = false, Action<JsonObject>? Admit = null, FieldWrite? Fields = null, bool FieldsDecided = false,
    Access.UserInfo? Requester = null)
{
    /// <summary>A stored write with no request-specific check, as controllers and bootstrap code make them.</summary>
    public static WriteOptions Default { get; } = new();

    /// <summary>Records or keeps the managed fields of <paramref name="obj"/>, which replaces <paramref name="existing"/> (null on create).</summary>
    public void ManageFields(JsonObject obj, JsonObject? existing)
    {
        if (FieldsDecided)
        {
            return;
        }

        if (Fields is not null)
        {
            FieldManager.RecordUpdate(existing, obj, Fields);
        }
        else if (obj["metadata"] is JsonObject metadata && !metadata.ContainsKey("managedFields")
            && existing?["metadata"]?["managedFields"] is { } kept)
        {
            metadata["managedFields"] = kept.DeepClone();
        }
    }
}
