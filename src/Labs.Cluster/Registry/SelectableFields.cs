using System.Text.Json;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Registry;

/// <summary>
/// The fields a kind can be selected by, as its field label conversion in kube-apiserver defines them (Kubernetes 1.32,
/// pkg/apis/*/v1/conversion.go and the registries' selectable field sets). Kinds without a conversion of their own
/// accept <c>metadata.name</c> and <c>metadata.namespace</c> and refuse the rest in the default conversion's words.
/// </summary>
internal sealed class SelectableFields
{
    private static readonly string[] MetaLabels = ["metadata.name", "metadata.namespace"];

    private readonly Dictionary<string, FieldLabel> _labels;
    private readonly bool _ownConversion;

    private SelectableFields(IEnumerable<FieldLabel> labels, bool ownConversion)
    {
        _labels = labels.ToDictionary(l => l.Label, StringComparer.Ordinal);
        _ownConversion = ownConversion;
    }

    /// <summary>The default conversion: <c>metadata.name</c> and <c>metadata.namespace</c>.</summary>
    public static SelectableFields MetadataOnly { get; } = new(MetaLabels.Select(FieldLabel.Plain), ownConversion: false);

    /// <summary>A kind's own conversion: <c>metadata.name</c>, <c>metadata.namespace</c> and <paramref name="labels"/>.</summary>
    public static SelectableFields WithMetadata(params FieldLabel[] labels) =>
        new(MetaLabels.Select(FieldLabel.Plain).Concat(labels), ownConversion: true);

    /// <summary>A kind's own conversion with exactly <paramref name="labels"/> (cluster-scoped kinds without metadata.namespace).</summary>
    public static SelectableFields Only(params FieldLabel[] labels) => new(labels, ownConversion: true);

    /// <summary>The label as the selector will read it; 400 with the real message when the kind does not support it.</summary>
    public string Resolve(string label)
    {
        if (_labels.ContainsKey(label))
        {
            return label;
        }

        throw _ownConversion
            ? ApiErrors.BadRequest($"field label not supported: {label}")
            : ApiErrors.BadRequest($"\"{label}\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    }

    /// <summary>The text a field selector compares for a label: strings as they are, booleans and numbers as Go prints them.</summary>
    public string ValueOf(JsonObject obj, string label)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var field = _labels.TryGetValue(label, out var known) ? known : FieldLabel.Plain(label);
        JsonNode? node = obj;
        foreach (var segment in field.Path.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node switch
        {
            null => field.Zero,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
