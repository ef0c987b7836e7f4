using System.Text.Json.Nodes;

namespace Labs.Sessions;

/// <summary>One object a lab's setup creates.</summary>
/// <param name="Manifest">The object as the lab file has it (apiVersion, kind, metadata.name, ...).</param>
/// <param name="Source">Where it comes from, for messages: e.g. <c>labs/services-101/setup/app.yaml:3</c>.</param>
public sealed record LabSetupObject(JsonObject Manifest, string Source);
