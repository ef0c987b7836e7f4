using System.Text.RegularExpressions;

namespace Labs.Cluster.Admission;

/// <summary>Which resource names Kubernetes knows, and its checks of them (pkg/apis/core/helper, pkg/apis/core/validation).</summary>
internal static partial class ResourceNames
{
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";


    private static readonly HashSet<string> Standard = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas", "services",
        "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims", "storage", "requests.storage",
        "services.nodeports", "services.loadbalancers",
    };

    private static readonly HashSet<string> StandardQuota = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage",
        "requests.ephemeral-storage", "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods",
        "resourcequotas", "services", "replicationcontrollers", "secrets", "persistentvolumeclaims", "configmaps",
        "services.nodeports", "services.loadbalancers",
    };

    private static readonly HashSet<string> Integer = new(StringComparer.Ordinal)
    {
        "pods", "resourcequotas", "services", "replicationcontrollers", "secrets", "configmaps",
        "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
    };

    /// <summary>Resources a quota knows by a bare name.</summary>
    public static bool IsStandardQuota(string name) => StandardQuota.Contains(name) || IsQuotaHugePages(name);

    /// <summary>Resources a container may request (besides hugepages).</summary>
    public static bool IsStandardContainerResource(string name) =>
        name is "cpu" or "memory" or "ephemeral-storage" || name.StartsWith("hugepages-", StringComparison.Ordinal);

    /// <summary>Counted in whole numbers (object counts and extended resources).</summary>
    public static bool IsInteger(string name) => Integer.Contains(name) || IsExtended(name);

    /// <summary>Unprefixed, or in the <c>kubernetes.io/</c> namespace.</summary>
    public static bool IsNative(string name) =>
        !name.Contains('/', StringComparison.Ordinal) || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    /// <summary>A vendor resource such as <c>example.com/gpu</c> (never <c>requests.</c>-prefixed).</summary>
    public static bool IsExtended(string name) =>
        !IsNative(name) && !name.StartsWith("requests.", StringComparison.Ordinal) && QualifiedNameErrors("requests." + name).Count == 0;

    /// <summary>Hugepages as a quota counts them: <c>hugepages-2Mi</c> or <c>requests.hugepages-2Mi</c>.</summary>
    public static bool IsQuotaHugePages(string name) =>
        name.StartsWith("hugepages-", StringComparison.Ordinal) || name.StartsWith("requests.hugepages-", StringComparison.Ordinal);

    /// <summary>Overcommit (request below limit) is allowed for native resources other than hugepages.</summary>
    public static bool IsOvercommitAllowed(string name) => IsNative(name) && !name.StartsWith("hugepages-", StringComparison.Ordinal);

    /// <summary><c>validateResourceName</c>: a qualified name, standard unless it has a prefix.</summary>
    public static List<string> ResourceNameErrors(string name)
    {
        var errors = QualifiedNameErrors(name);
        if (errors.Count == 0 && !name.Contains('/', StringComparison.Ordinal) && !Standard.Contains(name) && !IsQuotaHugePages(name))
        {
            errors.Add("must be a standard resource type or fully qualified");
        }

        return errors;
    }

    /// <summary><c>ValidateResourceQuotaResourceName</c>.</summary>
    public static List<string> QuotaResourceNameErrors(string name)
    {
        var errors = ResourceNameErrors(name);
        if (!name.Contains('/', StringComparison.Ordinal) && !IsStandardQuota(name))
        {
            errors.Add("must be a standard resource for quota");
        }

        return errors;
    }

    /// <summary><c>validateContainerResourceName</c>.</summary>
    public static List<string> ContainerResourceNameErrors(string name)
    {
        var errors = ResourceNameErrors(name);
        if (!name.Contains('/', StringComparison.Ordinal))
        {
            if (!IsStandardContainerResource(name))
            {
                errors.Add("must be a standard resource for containers");
            }
        }
        else if (!IsNative(name) && !IsExtended(name))
        {
            errors.Add("doesn't follow extended resource name standard");
        }

        return errors;
    }

    /// <summary>apimachinery's <c>IsQualifiedName</c>: an optional DNS subdomain prefix and a name of at most 63 characters.</summary>
    public static List<string> QualifiedNameErrors(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        if (parts.Length > 2)
        {
            errors.Add("a qualified name " + QualifiedNameMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return errors;
        }

        var name = parts[^1];
        if (parts.Length == 2)
        {
            var prefix = parts[0];
            if (prefix.Length == 0)
            {
                errors.Add("prefix part must be non-empty");
            }
            else
            {
                if (prefix.Length > 253)
                {
                    errors.Add("prefix part must be no more than 253 characters");
                }

                if (!SubdomainRegex().IsMatch(prefix))
                {
                    errors.Add("prefix part " + Api.LabelRules.SubdomainError);
                }
            }
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part must be no more than 63 characters");
        }

        if (!QualifiedNameRegex().IsMatch(name))
        {
            errors.Add("name part " + QualifiedNameMessage);
        }

        return errors;
    }

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedNameRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainRegex();
}
