using System.Text.Json.Nodes;

namespace Labs.Kube;

/// <summary>One watch event: <c>ADDED</c>, <c>MODIFIED</c>, <c>DELETED</c>, <c>BOOKMARK</c> or <c>ERROR</c> (whose object is a Status).</summary>
/// <param name="Type">The event type as the server sent it.</param>
/// <param name="Object">The object the event is about.</param>
public sealed record WatchEvent(string Type, JsonObject Object);
