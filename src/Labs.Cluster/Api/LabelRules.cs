namespace Labs.Cluster.Api;

/// <summary>
/// apimachinery's label key and value rules (<c>IsQualifiedName</c>, <c>IsValidLabelValue</c>,
/// <c>IsDNS1123Subdomain</c>), with the exact error texts of Kubernetes 1.32. Checked by hand, not by regular
/// expression, so that a megabyte of input costs a linear scan.
/// </summary>
internal static class LabelRules
{
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private const string SubdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

    /// <summary>apimachinery's message for a value that is not a lowercase RFC 1123 subdomain (names, key prefixes).</summary>
    public static string SubdomainError { get; } = RegexError(SubdomainMessage, SubdomainFormat, "example.com");

    /// <summary>Problems with a label (or annotation) key: an optional DNS subdomain prefix and '/', then a name.</summary>
    public static List<string> KeyProblems(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var errors = new List<string>();
        var parts = key.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                name = parts[1];
                if (parts[0].Length == 0)
                {
                    errors.Add("prefix part must be non-empty");
                }
                else
                {
                    errors.AddRange(SubdomainProblems(parts[0]).Select(p => "prefix part " + p));
                }

                break;
            default:
                return ["a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
        }

        if (name.Length == 0)
        {
            errors.Add("name part must be non-empty");
        }
        else if (name.Length > 63)
        {
            errors.Add("name part must be no more than 63 characters");
        }

        if (!IsQualifiedName(name))
        {
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        }

        return errors;
    }

    /// <summary>Problems with a label value: empty, or up to 63 characters of the qualified-name alphabet.</summary>
    public static List<string> ValueProblems(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (value.Length > 0 && !IsQualifiedName(value))
        {
            errors.Add(RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        }

        return errors;
    }

    /// <summary>Problems with a lowercase RFC 1123 subdomain (at most 253 characters).</summary>
    public static List<string> SubdomainProblems(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add("must be no more than 253 characters");
        }

        if (!value.Split('.').All(IsDnsLabel))
        {
            errors.Add(RegexError(SubdomainMessage, SubdomainFormat, "example.com"));
        }

        return errors;
    }

    /// <summary>apimachinery's RegexError: <c>msg (e.g. 'a',  or 'b', regex used for validation is 'f')</c>.</summary>
    public static string RegexError(string message, string format, params string[] examples) =>
        examples.Length == 0
            ? $"{message} (regex used for validation is '{format}')"
            : $"{message} (e.g. {string.Join(" or ", examples.Select(e => $"'{e}', "))}regex used for validation is '{format}')";

    private static bool IsQualifiedName(string name) =>
        name.Length > 0 && char.IsAsciiLetterOrDigit(name[0]) && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsDnsLabel(string label) =>
        label.Length > 0 && IsLowerAlnum(label[0]) && IsLowerAlnum(label[^1]) && label.All(c => IsLowerAlnum(c) || c == '-');

    private static bool IsLowerAlnum(char c) => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c);
}
