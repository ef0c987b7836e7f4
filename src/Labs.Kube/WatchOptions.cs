namespace Labs.Kube;

/// <summary>Query options of a WATCH.</summary>
/// <param name="ResourceVersion">Start after this version; null or "0" starts with the current state as ADDED events.</param>
/// <param name="LabelSelector">Label selector.</param>
/// <param name="FieldSelector">Field selector.</param>
/// <param name="TimeoutSeconds">Ask the server to close the watch after this many seconds.</param>
/// <param name="AllowWatchBookmarks">Ask for <c>BOOKMARK</c> events that carry only a newer resourceVersion. Default false.</param>
public sealed record WatchOptions(string? ResourceVersion = null, string? LabelSelector = null, string? FieldSelector = null, int? TimeoutSeconds = null, bool AllowWatchBookmarks = false);
