using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// Where the object of a write came from: a request body (POST, PUT) or a patch of some type. The real API server
/// decodes each differently, so a value it cannot decode is reported in different words (400 for a body, 422 with a
/// <c>patch</c> cause for JSON, merge and strategic merge patches, 400 for server-side apply).
/// </summary>
/// <param name="PatchType">The patch media type, or null for a request body.</param>
/// <param name="Patch">The patch as sent, or null for a request body.</param>
internal sealed record WriteOrigin(string? PatchType, JsonNode? Patch)
{
    /// <summary>A POST or PUT body.</summary>
    public static WriteOrigin Body { get; } = new(null, null);

    /// <summary>Whether the object is the result of a server-side apply.</summary>
    public bool IsApply => PatchType == "application/apply-patch+yaml";
}
