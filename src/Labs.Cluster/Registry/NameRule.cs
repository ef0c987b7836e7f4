namespace Labs.Cluster.Registry;

/// <summary>The name validation of a kind (apimachinery's ValidateNameFunc).</summary>
internal enum NameRule
{
    /// <summary>NameIsDNSSubdomain: lowercase RFC 1123 subdomain, at most 253 characters.</summary>
    Subdomain,

    /// <summary>NameIsDNSLabel: lowercase RFC 1123 label, at most 63 characters (namespaces).</summary>
    Label,

    /// <summary>NameIsDNS1035Label: a label that starts with a letter, at most 63 characters (services).</summary>
    Dns1035Label,

    /// <summary>ValidatePathSegmentName: anything but <c>.</c>, <c>..</c>, <c>/</c> and <c>%</c> (RBAC objects).</summary>
    PathSegment,
}
