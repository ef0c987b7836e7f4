using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Core;

/// <summary>Core v1 Events: the printer's columns and the event field selectors <c>kubectl describe</c> uses.</summary>
internal static class EventStrategy
{
    /// <summary>The registry entry of <c>events</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        string.Empty, "v1", "events", "event", "Event", true, ["ev"], [], ResourceDefinition.AllVerbs, []))
    {
        Columns =
        [
            Col("Last Seen", "string", (o, now) => AgeOf(FirstNonEmpty(S(o, "lastTimestamp"), S(o, "eventTime"), S(o, "metadata.creationTimestamp")), now),
                description: "Time when last event occurred"),
            Col("Type", "string", (o, _) => S(o, "type"), description: "Type of this event (Normal, Warning), new types could be added in the future."),
            Col("Reason", "string", (o, _) => S(o, "reason"), description: "Reason is why the action was taken."),
            Col("Object", "string", (o, _) => $"{S(o, "involvedObject.kind").ToLowerInvariant()}/{S(o, "involvedObject.name")}", description: "The object that this event is about."),
            Col("Message", "string", (o, _) => S(o, "message"), description: "A human-readable description of the status of this operation."),
        ],
        Fields = SelectableFields.WithMetadata(
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion",
            "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent",
            new FieldLabel("source", "source.component", string.Empty), "type"),
    };

    private static string FirstNonEmpty(params string[] values) => values.FirstOrDefault(v => v.Length > 0) ?? "";
}
