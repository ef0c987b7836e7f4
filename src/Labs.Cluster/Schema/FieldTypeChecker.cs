using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>
/// Finds every value of an object that the real API server could not decode into the Go type of its field: wrong JSON
/// types, integers out of int32/int64 range or with a fraction, non-finite floats, invalid base64, quantities,
/// timestamps and durations that do not parse. Fields the model does not know are left to <see cref="UnknownFieldFinder"/>.
/// </summary>
public sealed partial class FieldTypeChecker
{
    private readonly TypeModel _model;

    /// <summary>Creates a checker over a type model.</summary>
    /// <param name="model">The model; <see cref="TypeModel.Default"/> when null.</param>
    public FieldTypeChecker(TypeModel? model = null)
    {
        _model = model ?? TypeModel.Default;
    }

    /// <summary>The values that do not decode, in document order, using the object's own <c>apiVersion</c> and <c>kind</c>.</summary>
    public IReadOnlyList<FieldTypeMismatch> Check(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var found = new List<FieldTypeMismatch>();
        if (TypeOf(_model, obj) is { } type)
        {
            WalkObject(type, obj, new Where(string.Empty, string.Empty, string.Empty, ShortName(type)), found);
        }

        return found;
    }

    internal static TypeDefinition? TypeOf(TypeModel model, JsonObject obj) =>
        obj["apiVersion"] is JsonValue v && v.GetValueKind() == JsonValueKind.String
        && obj["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String
            ? model.FindKind(v.GetValue<string>(), k.GetValue<string>())
            : null;

    private void WalkObject(TypeDefinition type, JsonObject obj, Where where, List<FieldTypeMismatch> found)
    {
        var (fields, _) = _model.JsonShape(type);
        foreach (var (name, value) in obj)
        {
            if (value is null || !fields.TryGetValue(name, out var field))
            {
                continue;
            }

            var here = where.Field(name);
            if (field.Repeated)
            {
                if (value is not JsonArray array)
                {
                    found.Add(ContainerMismatch(field, value, here, "[]", "slice"));
                    continue;
                }

                for (var i = 0; i < array.Count; i++)
                {
                    CheckElement(field, array[i], here.Index(i, ElementKey(field, array[i])), found);
                }
            }
            else if (field.IsMap)
            {
                if (value is not JsonObject map)
                {
                    found.Add(ContainerMismatch(field, value, here, "map[string]", "map"));
                    continue;
                }

                foreach (var (key, entry) in map)
                {
                    CheckElement(field, entry, here.Key(key), found);
                }
            }
            else
            {
                CheckElement(field, value, here, found);
            }
        }
    }

    private void CheckElement(FieldDefinition field, JsonNode? value, Where where, List<FieldTypeMismatch> found)
    {
        if (value is null)
        {
            return;
        }

        var kind = value.GetValueKind();
        switch (field.Kind)
        {
            case FieldKind.Message:
                var type = _model.Resolve(field)!;
                if (type.IsAnyValue)
                {
                    break;
                }

                if (type.IsListWrapper ? value is JsonArray : value is JsonObject)
                {
                    if (value is JsonObject nested)
                    {
                        WalkObject(type, nested, where with { Struct = ShortName(type) }, found);
                    }
                }
                else
                {
                    found.Add(Mismatch(where, GoName(type), value, type.IsListWrapper ? "slice" : "struct"));
                }

                break;
            case FieldKind.Text:
                Expect(kind == JsonValueKind.String, where, "string", value, "string", found);
                break;
            case FieldKind.Flag:
                Expect(kind is JsonValueKind.True or JsonValueKind.False, where, "bool", value, "bool", found);
                break;
            case FieldKind.Number32:
            case FieldKind.Number64:
            case FieldKind.Real:
                if (kind != JsonValueKind.Number || !NumberFits(value, field.Kind))
                {
                    found.Add(Mismatch(where, ScalarGoType(field.Kind), value, ScalarGoType(field.Kind)));
                }

                break;
            case FieldKind.Bytes:
                CheckText(kind, value, where, "[]uint8", s => GoBase64.Problem(s), found);
                break;
            case FieldKind.Time:
            case FieldKind.MicroTime:
                CheckText(kind, value, where, "string", s => GoTimeText.Problem(s, field.Kind == FieldKind.MicroTime), found);
                break;
            case FieldKind.Duration:
                CheckText(kind, value, where, "string", GoDurationText.Problem, found);
                break;
            case FieldKind.Quantity:
                var quantity = kind switch
                {
                    JsonValueKind.String => QuantityText.Problem(value.GetValue<string>()),
                    JsonValueKind.Number => QuantityText.Problem(value.ToJsonString()),
                    _ => QuantityText.FormatWrong,
                };
                if (quantity is not null)
                {
                    found.Add(TextMismatch(where, "resource.Quantity", value, quantity));
                }

                break;
            case FieldKind.IntOrString:
                if (kind != JsonValueKind.String && (kind != JsonValueKind.Number || !NumberFits(value, FieldKind.Number32)))
                {
                    found.Add(Mismatch(where, "int32", value, "intstr") with { Expected = "intstr.IntOrString" });
                }

                break;
            case FieldKind.FieldsV1:
                Expect(kind == JsonValueKind.Object, where, "v1.FieldsV1", value, "struct", found);
                break;
        }
    }

    private static void Expect(bool ok, Where where, string goType, JsonNode value, string destination, List<FieldTypeMismatch> found)
    {
        if (!ok)
        {
            found.Add(Mismatch(where, goType, value, destination));
        }
    }

    // Strings whose text must parse (base64, times, durations): a non-string is a type error, bad text its own error.
    private static void CheckText(JsonValueKind kind, JsonNode value, Where where, string goType, Func<string, string?> problem,
        List<FieldTypeMismatch> found)
    {
        if (kind != JsonValueKind.String)
        {
            found.Add(Mismatch(where, goType, value, goType == "[]uint8" ? "slice" : "text"));
        }
        else if (problem(value.GetValue<string>()) is { } error)
        {
            found.Add(TextMismatch(where, goType, value, error));
        }
    }

    /// <summary>Whether a JSON number is one Go decodes into the kind: an integer literal in range, or a finite float.</summary>
    private static bool NumberFits(JsonNode value, FieldKind kind)
    {
        var literal = value.ToJsonString();
        if (kind == FieldKind.Real)
        {
            return double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d);
        }

        if (!GoText.IsInt64Literal(literal))
        {
            return false;
        }

        var number = long.Parse(literal, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return kind != FieldKind.Number32 || number is >= int.MinValue and <= int.MaxValue;
    }

    private static string? ElementKey(FieldDefinition field, JsonNode? element) =>
        field.MergeKey is { } key && element is JsonObject o && o[key] is JsonValue v ? $"{key}={v.ToJsonString()}" : null;

    private static string ShortName(TypeDefinition type) => type.Name[(type.Name.LastIndexOf('.') + 1)..];

    /// <summary>The Go type name with its package, as <c>reflect.Type.String</c> prints it: <c>v1.DeploymentSpec</c>.</summary>
    private static string GoName(TypeDefinition type)
    {
        var parts = type.Name.Split('.');
        return parts.Length >= 2 ? $"{parts[^2]}.{parts[^1]}" : type.Name;
    }

    /// <summary>Where a value is: our path, Go's struct-field path and innermost struct, and structured-merge-diff's path.</summary>
    private readonly record struct Where(string Path, string GoPath, string ApplyPath, string Struct)
    {
        public Where Field(string name) => new(
            Path.Length == 0 ? name : $"{Path}.{name}", GoPath.Length == 0 ? name : $"{GoPath}.{name}", $"{ApplyPath}.{name}", Struct);

        public Where Index(int index, string? key) => this with
        {
            Path = $"{Path}[{index.ToString(CultureInfo.InvariantCulture)}]",
            ApplyPath = ApplyPath + (key is null ? $"[{index.ToString(CultureInfo.InvariantCulture)}]" : $"[{key}]"),
        };

        public Where Key(string key) => this with { Path = $"{Path}.{key}", ApplyPath = $"{ApplyPath}.{key}" };
    }
}
