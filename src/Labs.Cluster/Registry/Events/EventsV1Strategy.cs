using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Events;

/// <summary>
/// events.k8s.io/v1 Events: the core Events seen through the newer API (kube-apiserver serves both from one storage).
/// The fields are renamed as pkg/apis/events/v1/conversion.go renames them (involvedObject is regarding, message is
/// note, source is deprecatedSource...), and so are the field selectors (<c>regarding.name</c>, <c>reportingController</c>).
/// </summary>
internal static class EventsV1Strategy
{
    // events.k8s.io/v1 name → core v1 name; the rest (reason, type, action, eventTime, series, related,
    // reportingInstance) are the same in both.
    private static readonly (string Events, string Core)[] Renamed =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    /// <summary>The registry entry of events.k8s.io/v1 <c>events</c>, stored as core Events.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "events.k8s.io", "v1", "events", "event", "Event", true, ["ev"], [], ResourceDefinition.AllVerbs, []))
    {
        Resource = new GroupResource(string.Empty, "events"),
        ToStorage = ToCore,
        FromStorage = FromCore,
        Columns =
        [
            Col("Last Seen", "string", (o, now) => AgeOf(FirstNonEmpty(S(o, "deprecatedLastTimestamp"), S(o, "eventTime"), S(o, "metadata.creationTimestamp")), now),
                description: "Time when last event occurred"),
            Col("Type", "string", (o, _) => S(o, "type"), description: "Type of this event (Normal, Warning), new types could be added in the future."),
            Col("Reason", "string", (o, _) => S(o, "reason"), description: "Reason is why the action was taken."),
            Col("Object", "string", (o, _) => $"{S(o, "regarding.kind").ToLowerInvariant()}/{S(o, "regarding.name")}", description: "The object that this event is about."),
            Col("Message", "string", (o, _) => S(o, "note"), description: "A human-readable description of the status of this operation."),
        ],
        // Selectors are matched against the stored (core) Event: each label reads its core field.
        Fields = SelectableFields.WithMetadata(
            new FieldLabel("regarding.kind", "involvedObject.kind", string.Empty),
            new FieldLabel("regarding.namespace", "involvedObject.namespace", string.Empty),
            new FieldLabel("regarding.name", "involvedObject.name", string.Empty),
            new FieldLabel("regarding.uid", "involvedObject.uid", string.Empty),
            new FieldLabel("regarding.apiVersion", "involvedObject.apiVersion", string.Empty),
            new FieldLabel("regarding.resourceVersion", "involvedObject.resourceVersion", string.Empty),
            new FieldLabel("regarding.fieldPath", "involvedObject.fieldPath", string.Empty),
            new FieldLabel("reportingController", "reportingComponent", string.Empty),
            new FieldLabel("source", "source.component", string.Empty),
            "reason",
            "type"),
    };

    /// <summary>An events.k8s.io/v1 Event as the core Event it is stored as.</summary>
    public static JsonObject ToCore(JsonObject events) => Rename(events, "v1", toCore: true);

    /// <summary>A stored core Event as events.k8s.io/v1 shows it.</summary>
    public static JsonObject FromCore(JsonObject core) => Rename(core, "events.k8s.io/v1", toCore: false);

    private static JsonObject Rename(JsonObject source, string apiVersion, bool toCore)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = source.DeepClone().AsObject();
        copy["apiVersion"] = apiVersion;
        foreach (var (events, core) in Renamed)
        {
            var (from, to) = toCore ? (events, core) : (core, events);
            if (copy[from] is { } value)
            {
                copy.Remove(from);
                copy[to] = value;
            }
        }

        return copy;
    }

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? string.Empty;
}
