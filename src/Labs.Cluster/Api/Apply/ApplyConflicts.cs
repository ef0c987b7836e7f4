using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>The apiserver's 409 for a server-side apply that would change fields other managers own.</summary>
internal static class ApplyConflicts
{
    /// <summary>
    /// <c>Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas</c>,
    /// with a <c>FieldManagerConflict</c> cause per field.
    /// </summary>
    public static ApiException Error(IReadOnlyList<(ManagedFieldsEntry Entry, FieldSet Fields)> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        var all = conflicts
            .OrderBy(c => c.Entry.Describe(), StringComparer.Ordinal)
            .SelectMany(c => c.Fields.Paths().Select(p => (Manager: c.Entry.Describe(), Path: FieldSet.Display(p))))
            .ToList();
        var causes = new JsonArray();
        foreach (var (manager, path) in all)
        {
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with {manager}", ["field"] = path });
        }

        string message;
        if (all.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {all[0].Manager}: {all[0].Path}";
        }
        else
        {
            var lines = all.GroupBy(c => c.Manager).SelectMany(g => g.Select(c => $"- {c.Path}").Prepend($"conflicts with {g.Key}:"));
            message = $"Apply failed with {all.Count} conflicts: {string.Join("\n", lines)}";
        }

        return new ApiException(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }
}
