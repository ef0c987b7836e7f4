using System.Text.Json.Nodes;

namespace Labs.Kube;

/// <summary>One watch event: <c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>, <c>BOOKMARK</c> or <c>ERROR</c> (whose object is a Status).</summary>
/// <param name="Type">The event type as the server sent it.</param>
/// <param name="Object">The object the event is about.</param>
// "Object" mirrors the field name of the Kubernetes watch event (and client-go's watch.Event).
#pragma warning disable CA1720
public sealed record WatchEvent(string Type, JsonObject Object);
#pragma warning restore CA1720
