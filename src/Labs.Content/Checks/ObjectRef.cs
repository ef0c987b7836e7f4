namespace Labs.Content.Checks;

/// <summary>An object a check reads, written <c>apps/v1/Deployment/web</c> (core kinds as <c>v1/ConfigMap/settings</c>).</summary>
/// <param name="ApiVersion">The object's apiVersion: <c>v1</c> or <c>apps/v1</c>.</param>
/// <param name="Kind">The object's kind, e.g. <c>Deployment</c>.</param>
/// <param name="Name">The object's name.</param>
public sealed record ObjectRef(string ApiVersion, string Kind, string Name)
{
    /// <summary>The reference as written.</summary>
    public string Reference => $"{ApiVersion}/{Kind}/{Name}";

    /// <summary>How messages name the object: <c>Deployment web</c>.</summary>
    public override string ToString() => $"{Kind} {Name}";
}
