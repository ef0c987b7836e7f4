using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Cluster.Admission;
using Labs.Cluster.Api;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Registry;

/// <summary>
/// The validation every stored object goes through, whoever writes it: the name by the kind's rule, label and
/// annotation syntax, the kind's own rules (<see cref="ResourceStrategy.Validate"/>), then required fields of the
/// type model. Failures are the real API server's 422 Invalid.
/// </summary>
internal static partial class ObjectValidation
{
    /// <summary>apimachinery's message for a value that is not a lowercase RFC 1123 label.</summary>
    internal const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private static readonly RequiredFieldFinder RequiredFields = new();

    /// <summary>Validates an object about to be created or updated (<paramref name="old"/> is the stored one, or null).</summary>
    public static void Validate(ResourceStrategy strategy, JsonObject obj, JsonObject? old)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(obj);
        var definition = strategy.Definition;
        var name = obj.MetaString("name");
        var errors = new FieldErrors();
        if (name.Length == 0 && obj.MetaString("generateName").Length == 0)
        {
            errors.Required("metadata.name", "name or generateName is required");
        }
        else if (name.Length > 0)
        {
            CheckName(strategy.Names, name, errors);
        }

        if (obj["metadata"] is JsonObject { } metadata && metadata["labels"] is JsonObject labels && labels.Any(l => l.Value is not JsonValue))
        {
            errors.Causes.Add(("FieldValueInvalid", "metadata.labels", "Invalid value: label values must be strings"));
        }

        strategy.Validate?.Invoke(obj, errors);
        if (old is not null)
        {
            strategy.ValidateUpdate?.Invoke(obj, old, errors);
        }

        errors.ThrowIfAny(definition.Kind, definition.Group, name);

        // Syntax of labels and annotations and the type model's required fields: reported together, after the kind's rules.
        var causes = MetadataValidator.Causes(obj);
        causes.AddRange(RequiredFields.FindMissing(obj).Select(path => ("FieldValueRequired", path, "Required value")));
        if (causes.Count > 0)
        {
            throw ApiErrors.Invalid(definition.Kind, definition.Group, name, causes);
        }
    }

    private static void CheckName(NameRule rule, string name, FieldErrors errors)
    {
        switch (rule)
        {
            case NameRule.PathSegment:
                if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
                {
                    errors.Invalid("metadata.name", $"\"{name}\"", "may not contain '/' or '%' and may not be '.' or '..'");
                }

                break;
            case NameRule.Label:
                CheckLabel(name, LabelRegex().IsMatch(name), LabelMessage, errors);
                break;
            case NameRule.Dns1035Label:
                CheckLabel(name, Dns1035Regex().IsMatch(name), Dns1035Message, errors);
                break;
            default:
                foreach (var problem in LabelRules.SubdomainProblems(name))
                {
                    errors.Invalid("metadata.name", $"\"{name}\"", problem);
                }

                break;
        }
    }

    /// <summary>Whether <paramref name="value"/> has the form of a lowercase RFC 1123 label (length aside).</summary>
    internal static bool IsDnsLabel(string value) => LabelRegex().IsMatch(value);

    // apimachinery reports the length and the format as two causes, so a long but well-formed name hears only the former.
    private static void CheckLabel(string name, bool wellFormed, string formatMessage, FieldErrors errors)
    {
        if (name.Length > 63)
        {
            errors.Invalid("metadata.name", $"\"{name}\"", "must be no more than 63 characters");
        }

        if (!wellFormed)
        {
            errors.Invalid("metadata.name", $"\"{name}\"", formatMessage);
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelRegex();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Regex();
}
