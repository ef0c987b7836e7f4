using System.Text.Json.Nodes;

namespace Labs.Content.Charts;

/// <summary>A chart of the library's chart repository, packaged as <c>helm package</c> would.</summary>
/// <param name="Name">The chart's name (its folder is NAME or NAME-VERSION).</param>
/// <param name="Version">Its SemVer version, from Chart.yaml.</param>
/// <param name="Metadata">Its Chart.yaml as JSON (what the index lists for it).</param>
/// <param name="Archive">The gzipped tar of the chart's files under <c>NAME/</c>.</param>
/// <param name="Digest">The archive's SHA-256, lowercase hex, as the index lists it.</param>
/// <param name="Created">When its newest file was written (the index's <c>created</c>).</param>
public sealed record ChartPackage(string Name, string Version, JsonObject Metadata, ReadOnlyMemory<byte> Archive, string Digest, DateTimeOffset Created)
{
    /// <summary>The archive's name in the repository, <c>NAME-VERSION.tgz</c>.</summary>
    public string FileName => $"{Name}-{Version}.tgz";
}
