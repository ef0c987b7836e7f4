namespace Labs.Cluster.Api;

/// <summary>One resource type the embedded cluster serves: everything discovery, routing, storage and tables need to know.</summary>
/// <param name="Group">API group; empty for core.</param>
/// <param name="Version">Served version.</param>
/// <param name="Plural">Resource name in URLs.</param>
/// <param name="Singular">Singular name (discovery <c>singularName</c>).</param>
/// <param name="Kind">Kind of the objects.</param>
/// <param name="Namespaced">Whether objects live in namespaces.</param>
/// <param name="ShortNames">Short names, e.g. <c>deploy</c>.</param>
/// <param name="Categories">Discovery categories, e.g. <c>all</c>.</param>
/// <param name="Verbs">Allowed verbs, e.g. <c>get list watch create update patch delete deletecollection</c>.</param>
/// <param name="Subresources">Served subresources, e.g. <c>status</c>, <c>scale</c>, <c>exec</c>, <c>token</c>.</param>
public sealed record ResourceDefinition(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> Subresources)
{
    /// <summary>The verbs of an ordinary resource: get, list, watch, create, update, patch, delete, deletecollection.</summary>
    public static IReadOnlyList<string> AllVerbs { get; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary><c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
