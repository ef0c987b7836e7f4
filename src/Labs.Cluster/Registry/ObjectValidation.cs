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
    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

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
                if (name.Length > 63 || !LabelRegex().IsMatch(name))
                {
                    errors.Invalid("metadata.name", $"\"{name}\"", LabelMessage);
                }

                break;
            default:
                if (name.Length > 253 || !SubdomainRegex().IsMatch(name))
                {
                    errors.Invalid("metadata.name", $"\"{name}\"", LabelRules.SubdomainError);
                }

                break;
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainRegex();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex LabelRegex();
}
