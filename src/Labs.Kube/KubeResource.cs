namespace Labs.Kube;

/// <summary>
/// A resource type as the API server's discovery publishes it: where objects of a kind live in the REST API.
/// </summary>
/// <param name="Group">API group; empty for the core group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Plural">Resource name in URLs, e.g. <c>deployments</c>.</param>
/// <param name="Kind">Kind of the objects, e.g. <c>Deployment</c>.</param>
/// <param name="Namespaced">Whether objects of this type live in a namespace.</param>
public sealed record KubeResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>The <c>apiVersion</c> of objects of this type: <c>v1</c> or <c>apps/v1</c>.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
}
