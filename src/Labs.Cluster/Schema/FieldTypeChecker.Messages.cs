using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>The three decoders' words for a mismatch: Go's JSON decoder, the unstructured converter, structured-merge-diff.</summary>
public sealed partial class FieldTypeChecker
{
    // destination: how the unstructured converter and structured-merge-diff see the field: string, bool, int32,
    // int64, float64 (scalars), struct, map, slice, text (a string with a custom decoder) or intstr.
    private static FieldTypeMismatch Mismatch(Where where, string goType, JsonNode value, string destination)
    {
        var numeric = goType is "int32" or "int64" or "float64";
        var actual = Describe(value, numeric);
        return new FieldTypeMismatch(where.Path, goType, actual)
        {
            DecodeError = $"json: cannot unmarshal {actual} into Go struct field {where.Struct}.{where.GoPath} of type {goType}",
            ConvertError = Convert(destination, value),
            ApplyError = Apply(destination, value, where.ApplyPath),
        };
    }

    private FieldTypeMismatch ContainerMismatch(FieldDefinition field, JsonNode value, Where where, string prefix, string destination) =>
        Mismatch(where, prefix + DeclaredGoType(field), value, destination);

    // A string (or number) of the right JSON type whose text does not parse: the parser's own error, whoever decodes.
    private static FieldTypeMismatch TextMismatch(Where where, string goType, JsonNode value, string error) =>
        new(where.Path, goType, Describe(value, numeric: false))
        {
            DecodeError = error,
            ConvertError = goType == "[]uint8" ? $"error decoding from json: {error}" : error,
            ApplyError = $"{where.ApplyPath}: {error}",
        };

    private static string ScalarGoType(FieldKind kind) => kind switch
    {
        FieldKind.Number32 => "int32",
        FieldKind.Number64 => "int64",
        FieldKind.Real => "float64",
        FieldKind.Flag => "bool",
        _ => "string",
    };

    /// <summary>The element type as Go declares it inside a slice or map: <c>v1.Container</c>, <c>resource.Quantity</c>.</summary>
    private string DeclaredGoType(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Message => GoName(_model.Resolve(field)!),
        FieldKind.Bytes => "[]uint8",
        FieldKind.Time => "v1.Time",
        FieldKind.MicroTime => "v1.MicroTime",
        FieldKind.Duration => "v1.Duration",
        FieldKind.Quantity => "resource.Quantity",
        FieldKind.IntOrString => "intstr.IntOrString",
        FieldKind.RawExtension => "runtime.RawExtension",
        FieldKind.FieldsV1 => "v1.FieldsV1",
        _ => ScalarGoType(field.Kind),
    };

    /// <summary>Go's <c>UnmarshalTypeError.Value</c>: <c>string</c>, <c>bool</c>, <c>array</c>, <c>object</c>, <c>number</c> or <c>number 1e12</c>.</summary>
    private static string Describe(JsonNode value, bool numeric) => value.GetValueKind() switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => numeric ? "number " + value.ToJsonString() : "number",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "array",
        _ => "object",
    };

    // apimachinery's runtime.DefaultUnstructuredConverter.FromUnstructured.
    private static string Convert(string destination, JsonNode value)
    {
        var source = GoText.UnstructuredKind(value);
        return destination switch
        {
            "struct" => $"cannot restore struct from: {source}",
            "map" => $"cannot restore map from {source}",
            "slice" => $"cannot restore slice from {source}",
            "text" => $"json: cannot unmarshal {Describe(value, numeric: false)} into Go value of type string",
            "intstr" => $"json: cannot unmarshal {Describe(value, numeric: true)} into Go value of type int32",
            _ => source switch
            {
                "int64" when destination == "bool" => "unrecognized type: bool",
                "int64" => $"cannot convert int64 to {destination}",
                "float64" when destination is "string" or "bool" => $"unrecognized type: {destination}",
                "float64" => $"cannot convert float64 to {destination}",
                _ => $"unrecognized type: {destination}",
            },
        };
    }

    // structured-merge-diff's typed validation (sigs.k8s.io/structured-merge-diff typed/validate.go).
    private static string Apply(string destination, JsonNode value, string path)
    {
        var goValue = GoText.Value(value);
        return destination switch
        {
            "int32" or "int64" or "float64" when value.GetValueKind() != JsonValueKind.Number =>
                $"{path}: expected numeric (int or float), got {GoTypeOf(value)}",
            "string" or "text" => $"{path}: expected string, got &value.valueUnstructured{{Value:{(value.GetValueKind() == JsonValueKind.String ? GoText.Quote(goValue) : goValue)}}}",
            "bool" => $"{path}: expected boolean, got &{{{goValue}}}",
            "struct" or "map" => $"{path}: expected map, got &{{{goValue}}}",
            "slice" => $"{path}: expected list, got &{{{goValue}}}",
            _ => $"{path}: {Convert(destination, value)}",
        };
    }

    private static string GoTypeOf(JsonNode value) => GoText.UnstructuredKind(value) switch
    {
        "map" => "map[string]interface {}",
        "slice" => "[]interface {}",
        var kind => kind,
    };
}
