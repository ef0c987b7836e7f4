using System.Text.Json.Nodes;

namespace Labs.Content;

/// <summary>
/// One check of a task: read an object from the learner's namespace and compare it with a partial object.
/// Written in a task block as <c>resource: apps/v1/Deployment/web</c> with <c>expect:</c> or <c>absent: true</c>;
/// with neither, the object only has to exist.
/// </summary>
/// <param name="Resource">The reference as written, e.g. <c>apps/v1/Deployment/web</c>.</param>
/// <param name="ApiVersion">The object's apiVersion: <c>v1</c> or <c>apps/v1</c>.</param>
/// <param name="Kind">The object's kind, e.g. <c>Deployment</c>.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Expect">Partial object every given leaf of which must match; null when not given.</param>
/// <param name="Absent">The object must not exist.</param>
/// <param name="Line">1-based line of the check in lab.md, for reports.</param>
/// <param name="File">Display path of the lab.md that holds the check (e.g. <c>labs/services-101/lab.md</c>), for reports.</param>
public sealed record Check(string Resource, string ApiVersion, string Kind, string Name, JsonObject? Expect, bool Absent, int Line, string File = "lab.md")
{
    /// <summary>Where the check is written: <c>labs/services-101/lab.md:42</c>.</summary>
    public string Source => $"{File}:{Line}";
}
