using Labs.Cluster.Api;

namespace Labs.Cluster.Admission;

/// <summary>
/// Collects validation failures as apimachinery's <c>field.ErrorList</c> words them, and turns them into the 422 Invalid
/// answer. Values are passed already printed the way Go prints them in that spot (quoted strings, bare resource names).
/// </summary>
internal sealed class FieldErrors
{
    private readonly List<(string Reason, string Field, string Message)> _causes = [];

    /// <summary>The failures so far, in order (reason, field path, message); checks that build causes themselves add here.</summary>
    public List<(string Reason, string Field, string Message)> Causes => _causes;

    /// <summary>Whether nothing failed.</summary>
    public bool IsEmpty => _causes.Count == 0;

    /// <summary><c>field.Invalid</c>: <c>path: Invalid value: VALUE: detail</c>.</summary>
    public void Invalid(string path, string printedValue, string detail) =>
        _causes.Add(("FieldValueInvalid", path, $"Invalid value: {printedValue}: {detail}"));

    /// <summary><c>field.Required</c>.</summary>
    public void Required(string path, string detail) =>
        _causes.Add(("FieldValueRequired", path, detail.Length == 0 ? "Required value" : $"Required value: {detail}"));

    /// <summary><c>field.NotSupported</c>: the value, then the values allowed, each quoted.</summary>
    public void NotSupported(string path, string value, IEnumerable<string> supported) =>
        _causes.Add(("FieldValueNotSupported", path, $"Unsupported value: {Quote(value)}: supported values: {string.Join(", ", supported.Select(Quote))}"));

    /// <summary><c>field.Forbidden</c>.</summary>
    public void Forbidden(string path, string detail) => _causes.Add(("FieldValueForbidden", path, $"Forbidden: {detail}"));

    /// <summary><c>field.Duplicate</c>.</summary>
    public void Duplicate(string path, string printedValue) => _causes.Add(("FieldValueDuplicate", path, $"Duplicate value: {printedValue}"));

    /// <summary>Throws the 422 answer when anything failed.</summary>
    public void ThrowIfAny(string kind, string group, string name)
    {
        if (_causes.Count > 0)
        {
            throw ApiErrors.Invalid(kind, group, name, _causes);
        }
    }

    /// <summary>A Go <c>%q</c> of a plain string.</summary>
    public static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
