using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Cluster.Admission;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Registry.ApiExtensions;

/// <summary>
/// Validates a custom resource against its version's schema as apiextensions-apiserver does with kube-openapi's
/// validator, worded as <c>kubeOpenAPIResultToFieldErrors</c> turns its results into field errors
/// (<c>spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"</c>).
/// </summary>
internal static class StructuralSchemaValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Adds a cause for every way <paramref name="obj"/> breaks <paramref name="schema"/>; metadata is the registry's.</summary>
    public static void Validate(JsonObject obj, JsonObject schema, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(obj);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(errors);
        var root = schema.DeepClone().AsObject();
        if (root["properties"] is JsonObject properties)
        {
            // ObjectMeta is validated by the registry; the schema may only say that metadata is an object.
            properties.Remove("metadata");
        }

        Check(obj, root, string.Empty, errors);
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, FieldErrors errors)
    {
        if (!CheckType(value, schema, path, errors))
        {
            return;
        }

        CheckEnum(value, schema, path, errors);
        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                CheckString(scalar.GetValue<string>(), schema, path, errors);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.Number:
                CheckNumber(scalar, schema, path, errors);
                break;
        }

        CheckComposition(value, schema, path, errors);
    }

    private static bool CheckType(JsonNode? value, JsonObject schema, string path, FieldErrors errors)
    {
        var expected = (string?)schema["type"];
        var actual = TypeName(value);
        if (value is null)
        {
            if (expected is not null && !StructuralSchema.Flag(schema, "nullable"))
            {
                errors.Invalid(path, "\"null\"", $"{path} in body must be of type {expected}: \"null\"");
            }

            return false;
        }

        if (StructuralSchema.Flag(schema, "x-kubernetes-int-or-string"))
        {
            if (actual is not ("integer" or "string"))
            {
                errors.Invalid(path, GoText.Quote(actual), $"{path} in body must be of type integer,string: {GoText.Quote(actual)}");
                return false;
            }

            return true;
        }

        if (expected is null || expected == actual || (expected == "number" && actual == "integer"))
        {
            return true;
        }

        errors.Invalid(path, GoText.Quote(actual), $"{path} in body must be of type {expected}: {GoText.Quote(actual)}");
        return false;
    }

    private static void CheckEnum(JsonNode? value, JsonObject schema, string path, FieldErrors errors)
    {
        if (schema["enum"] is not JsonArray allowed || allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            return;
        }

        var supported = string.Join(", ", allowed.Select(a => GoText.Quote(a is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>() : a?.ToJsonString() ?? "null")));
        errors.Causes.Add(("FieldValueNotSupported", path, $"Unsupported value: {Printed(value)}: supported values: {supported}"));
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, FieldErrors errors)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => (string?)r).OfType<string>())
            {
                if (!obj.ContainsKey(name) && !(path.Length == 0 && name == "metadata"))
                {
                    errors.Required(Child(path, name), string.Empty);
                }
            }
        }

        if (Int(schema["minProperties"]) is { } minProperties && obj.Count < minProperties)
        {
            errors.Invalid(path, obj.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {minProperties} properties");
        }

        if (Int(schema["maxProperties"]) is { } maxProperties && obj.Count > maxProperties)
        {
            errors.Causes.Add(("FieldValueTooMany", path, $"Too many: {obj.Count}: must have at most {maxProperties} items"));
        }

        foreach (var (key, child) in obj)
        {
            if (properties?[key] is JsonObject property)
            {
                Check(child, property, Child(path, key), errors);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Check(child, additional, Child(path, key), errors);
            }
        }
    }

    private static void CheckArray(JsonArray array, JsonObject schema, string path, FieldErrors errors)
    {
        if (Int(schema["minItems"]) is { } minItems && array.Count < minItems)
        {
            errors.Invalid(path, array.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {minItems} items");
        }

        if (Int(schema["maxItems"]) is { } maxItems && array.Count > maxItems)
        {
            errors.Causes.Add(("FieldValueTooMany", path, $"Too many: {array.Count}: must have at most {maxItems} items"));
        }

        if (schema["items"] is JsonObject itemSchema)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Check(array[i], itemSchema, $"{path}[{i}]", errors);
            }
        }

        if ((string?)schema["x-kubernetes-list-type"] == "set")
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array.Take(i).Any(earlier => JsonNode.DeepEquals(earlier, array[i])))
                {
                    errors.Duplicate($"{path}[{i}]", Printed(array[i]));
                }
            }
        }
    }

    private static void CheckString(string text, JsonObject schema, string path, FieldErrors errors)
    {
        // kube-openapi counts runes, whatever the message says.
        var length = text.EnumerateRunes().Count();
        if (Int(schema["maxLength"]) is { } maxLength && length > maxLength)
        {
            errors.Causes.Add(("FieldValueTooLong", path, $"Too long: may not be more than {maxLength} bytes"));
        }

        if (Int(schema["minLength"]) is { } minLength && length < minLength)
        {
            errors.Invalid(path, GoText.Quote(text), $"{path} in body should be at least {minLength} chars long");
        }

        if ((string?)schema["pattern"] is { } pattern && !Matches(pattern, text))
        {
            errors.Invalid(path, GoText.Quote(text), $"{path} in body should match '{pattern}'");
        }
    }

    private static void CheckNumber(JsonValue number, JsonObject schema, string path, FieldErrors errors)
    {
        var value = double.Parse(number.ToJsonString(), CultureInfo.InvariantCulture);
        var printed = number.ToJsonString();
        if (Double(schema["minimum"]) is { } minimum)
        {
            var exclusive = StructuralSchema.Flag(schema, "exclusiveMinimum");
            if (exclusive ? value <= minimum : value < minimum)
            {
                var words = exclusive ? "greater than" : "greater than or equal to";
                errors.Invalid(path, printed, $"{path} in body should be {words} {GoText.Float(minimum)}");
            }
        }

        if (Double(schema["maximum"]) is { } maximum)
        {
            var exclusive = StructuralSchema.Flag(schema, "exclusiveMaximum");
            if (exclusive ? value >= maximum : value > maximum)
            {
                var words = exclusive ? "less than" : "less than or equal to";
                errors.Invalid(path, printed, $"{path} in body should be {words} {GoText.Float(maximum)}");
            }
        }

        if (Double(schema["multipleOf"]) is { } factor && factor > 0 && Math.Abs(Math.IEEERemainder(value, factor)) > 1e-9)
        {
            errors.Invalid(path, printed, $"{path} in body should be a multiple of {GoText.Float(factor)}");
        }
    }

    // allOf, anyOf, oneOf and not constrain values only; their failures are reported on the root, as the real server does.
    private static void CheckComposition(JsonNode? value, JsonObject schema, string path, FieldErrors errors)
    {
        var name = GoText.Quote(path);
        if (schema["allOf"] is JsonArray all)
        {
            foreach (var sub in all.OfType<JsonObject>())
            {
                Check(value, sub, path, errors);
            }
        }

        if (schema["anyOf"] is JsonArray any && !any.OfType<JsonObject>().Any(sub => Passes(value, sub, path)))
        {
            errors.Invalid("<nil>", "\"\"", $"{name} must validate at least one schema (anyOf)");
        }

        if (schema["oneOf"] is JsonArray one && one.OfType<JsonObject>().Count(sub => Passes(value, sub, path)) != 1)
        {
            errors.Invalid("<nil>", "\"\"", $"{name} must validate one and only one schema (oneOf). ");
        }

        if (schema["not"] is JsonObject not && Passes(value, not, path))
        {
            errors.Invalid("<nil>", "\"\"", $"{name} must not validate the schema (not)");
        }
    }

    private static bool Passes(JsonNode? value, JsonObject schema, string path)
    {
        var scratch = new FieldErrors();
        if (value is null && schema["type"] is null)
        {
            return true;
        }

        Check(value, schema, path, scratch);
        return scratch.IsEmpty;
    }

    private static bool Matches(string pattern, string text)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string TypeName(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => IsInteger(v) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    // Go's JSON decoder (UseNumber) reads 3 as an integer and 3.0 or 3e0 as a float.
    private static bool IsInteger(JsonValue number)
    {
        var text = number.ToJsonString();
        return !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase);
    }

    private static string Printed(JsonNode? value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => GoText.Quote(v.GetValue<string>()),
        JsonValue v => v.ToJsonString(),
        _ => GoText.Value(value),
    };

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static long? Int(JsonNode? node) =>
        Double(node) is { } value && value == Math.Floor(value) && Math.Abs(value) < long.MaxValue ? (long)value : null;

    private static double? Double(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture) : null;
}
