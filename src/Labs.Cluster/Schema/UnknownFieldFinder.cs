using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>
/// Finds fields the type model does not know (for <c>fieldValidation=Strict|Warn</c>) and values of the wrong JSON type.
/// Open (not fully modelled) types never report unknown fields; unmodelled kinds report nothing.
/// </summary>
public sealed class UnknownFieldFinder
{
    private readonly TypeModel _model;

    /// <summary>Creates a finder over a type model.</summary>
    /// <param name="model">The model; <see cref="TypeModel.Default"/> when null.</param>
    public UnknownFieldFinder(TypeModel? model = null)
    {
        _model = model ?? TypeModel.Default;
    }

    /// <summary>
    /// Builds the message a real API server gives for strict decoding failures, e.g.
    /// <c>Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.bogus"</c>.
    /// </summary>
    public static string StrictDecodingMessage(string kind, string version, IEnumerable<string> unknownFields) =>
        $"{kind} in version \"{version}\" cannot be handled as a {kind}: strict decoding error: "
        + string.Join(", ", unknownFields.Select(f => $"unknown field \"{f}\""));

    /// <summary>The warning text for <c>fieldValidation=Warn</c>: <c>unknown field "spec.bogus"</c>.</summary>
    public static string WarningText(string unknownField) => $"unknown field \"{unknownField}\"";

    /// <summary>Paths of unknown fields in an object, using its own <c>apiVersion</c> and <c>kind</c>.</summary>
    public IReadOnlyList<string> FindUnknownFields(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        TypeDefinition? type = TypeOf(obj);
        var found = new List<string>();
        if (type is not null)
        {
            Walk(type, obj, "", found, null, topLevel: true);
        }

        return found;
    }

    /// <summary>Values whose JSON type does not match the model (cheap checks only: scalars, objects, arrays).</summary>
    public IReadOnlyList<FieldTypeMismatch> FindTypeMismatches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        TypeDefinition? type = TypeOf(obj);
        var mismatches = new List<FieldTypeMismatch>();
        if (type is not null)
        {
            Walk(type, obj, "", [], mismatches, topLevel: true);
        }

        return mismatches;
    }

    private TypeDefinition? TypeOf(JsonObject obj)
    {
        string? apiVersion = (obj["apiVersion"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? obj["apiVersion"]!.GetValue<string>() : null;
        string? kind = (obj["kind"] as JsonValue)?.GetValueKind() == JsonValueKind.String ? obj["kind"]!.GetValue<string>() : null;
        return apiVersion is null || kind is null ? null : _model.FindKind(apiVersion, kind);
    }

    private void Walk(TypeDefinition type, JsonObject obj, string prefix, List<string> unknown, List<FieldTypeMismatch>? mismatches, bool topLevel)
    {
        var (fields, open) = _model.JsonShape(type);
        foreach (var (name, value) in obj)
        {
            string path = prefix.Length == 0 ? name : prefix + "." + name;
            if (!fields.TryGetValue(name, out FieldDefinition? field))
            {
                if (!open && !(topLevel && name is "apiVersion" or "kind"))
                {
                    unknown.Add(path);
                }

                continue;
            }

            if (value is null)
            {
                continue;
            }

            if (field.Repeated)
            {
                if (value is JsonArray array)
                {
                    for (int i = 0; i < array.Count; i++)
                    {
                        CheckValue(field, array[i], $"{path}[{i}]", unknown, mismatches);
                    }
                }
                else
                {
                    mismatches?.Add(new FieldTypeMismatch(path, "array", Describe(value)));
                }
            }
            else if (field.IsMap)
            {
                if (value is JsonObject map)
                {
                    foreach (var (key, entry) in map)
                    {
                        CheckValue(field, entry, path + "." + key, unknown, mismatches);
                    }
                }
                else
                {
                    mismatches?.Add(new FieldTypeMismatch(path, "object", Describe(value)));
                }
            }
            else
            {
                CheckValue(field, value, path, unknown, mismatches);
            }
        }
    }

    private void CheckValue(FieldDefinition field, JsonNode? value, string path, List<string> unknown, List<FieldTypeMismatch>? mismatches)
    {
        if (value is null)
        {
            return;
        }

        if (field.Kind == FieldKind.Message)
        {
            if (value is JsonArray && _model.Resolve(field)!.IsListWrapper)
            {
                return;
            }

            if (value is JsonObject nested)
            {
                Walk(_model.Resolve(field)!, nested, path, unknown, mismatches, topLevel: false);
            }
            else
            {
                mismatches?.Add(new FieldTypeMismatch(path, "object", Describe(value)));
            }

            return;
        }

        if (mismatches is null)
        {
            return;
        }

        JsonValueKind actual = value.GetValueKind();
        bool ok = field.Kind switch
        {
            FieldKind.Text or FieldKind.Bytes or FieldKind.Time or FieldKind.MicroTime or FieldKind.Duration => actual == JsonValueKind.String,
            FieldKind.Number32 or FieldKind.Number64 => actual == JsonValueKind.Number && IsInteger(value, field.Kind),
            FieldKind.Real => actual == JsonValueKind.Number,
            FieldKind.Flag => actual is JsonValueKind.True or JsonValueKind.False,
            FieldKind.Quantity or FieldKind.IntOrString => actual is JsonValueKind.String or JsonValueKind.Number,
            FieldKind.FieldsV1 => actual == JsonValueKind.Object,
            _ => true,
        };
        if (!ok)
        {
            mismatches.Add(new FieldTypeMismatch(path, GoType(field.Kind), Describe(value)));
        }
    }

    private static bool IsInteger(JsonNode value, FieldKind kind) =>
        kind == FieldKind.Number32 ? ((JsonValue)value).TryGetValue(out int _) || IsIntegral(value, int.MinValue, int.MaxValue)
                                   : ((JsonValue)value).TryGetValue(out long _) || IsIntegral(value, long.MinValue, long.MaxValue);

    private static bool IsIntegral(JsonNode value, double min, double max) =>
        ((JsonValue)value).TryGetValue(out double d) && Math.Floor(d) == d && d >= min && d <= max;

    private static string GoType(FieldKind kind) => kind switch
    {
        FieldKind.Number32 => "int32",
        FieldKind.Number64 => "int64",
        FieldKind.Flag => "bool",
        FieldKind.Real => "float64",
        FieldKind.Quantity => "resource.Quantity",
        FieldKind.IntOrString => "intstr.IntOrString",
        _ => "string",
    };

    private static string Describe(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => "null",
    };
}
