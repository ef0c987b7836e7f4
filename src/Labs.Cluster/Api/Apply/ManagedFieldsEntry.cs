namespace Labs.Cluster.Api.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: who owns which fields, through which operation and subresource.</summary>
/// <param name="Manager">The field manager, e.g. <c>kubectl-client-side-apply</c>.</param>
/// <param name="Operation"><c>Apply</c> or <c>Update</c>.</param>
/// <param name="ApiVersion">The version of the resource the fields are of, e.g. <c>apps/v1</c>.</param>
/// <param name="Time">When the manager last changed something (RFC 3339), or null.</param>
/// <param name="Subresource">The subresource written through (<c>status</c>, <c>scale</c>), or empty.</param>
/// <param name="Fields">The owned fields.</param>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string? Time, string Subresource, FieldSet Fields)
{
    /// <summary>The operation of a server-side apply.</summary>
    public const string Apply = "Apply";

    /// <summary>The operation of every other write.</summary>
    public const string Update = "Update";

    /// <summary>
    /// What makes two entries the same manager (the apiserver's manager identifier): name, operation and subresource,
    /// and for updates the version too, so that an applier keeps one entry across versions.
    /// </summary>
    public string Id => Identity(Manager, Operation, Operation == Apply ? string.Empty : ApiVersion, Subresource);

    /// <summary>The identifier of a manager.</summary>
    public static string Identity(string manager, string operation, string apiVersion, string subresource) =>
        string.Join('\0', manager, operation, apiVersion, subresource);

    /// <summary>
    /// The manager as a conflict names it: <c>"kubectl"</c>, <c>"kubectl" with subresource "scale" using apps/v1</c>.
    /// </summary>
    public string Describe()
    {
        var text = Quote(Manager);
        if (Subresource.Length > 0)
        {
            text += $" with subresource {Quote(Subresource)}";
        }

        return Operation == Update ? $"{text} using {ApiVersion}" : text;
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
