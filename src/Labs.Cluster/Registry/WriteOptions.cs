using System.Text.Json.Nodes;

namespace Labs.Cluster.Registry;

/// <summary>How one write through the registry is made.</summary>
/// <param name="DryRun">Whether the write is only checked and answered, never stored (<c>dryRun=All</c>).</param>
/// <param name="Admit">
/// A check of the request's own (such as RBAC escalation prevention for the requesting user), run on the object as it
/// would be stored, after validation and defaulting and before admission; it throws to refuse. Null for none.
/// </param>
internal sealed record WriteOptions(bool DryRun = false, Action<JsonObject>? Admit = null, Access.UserInfo? Requester = null)
{
    /// <summary>A stored write with no request-specific check, as controllers and bootstrap code make them.</summary>
    public static WriteOptions Default { get; } = new();
}
