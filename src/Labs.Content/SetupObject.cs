using System.Text.Json.Nodes;

namespace Labs.Content;

/// <summary>One object of a lab's setup manifests.</summary>
/// <param name="Manifest">The object, without a namespace.</param>
/// <param name="Source">The file and line of its YAML document, e.g. <c>labs/services-101/setup/app.yaml:1</c>, for messages.</param>
public sealed record SetupObject(JsonObject Manifest, string Source);
