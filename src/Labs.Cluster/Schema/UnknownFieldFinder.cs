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
    public IReadOnlyList<string> FindUnknownFields(JsonObject obj) => Find(obj, remove: false);

    /// <summary>
    /// Removes the unknown fields from the object, as a decoder drops what its types do not have, and returns their
    /// paths. Removal happens where the walk finds them, so field names holding '.' or '[' are no problem.
    /// </summary>
    public IReadOnlyList<string> RemoveUnknownFields(JsonObject obj) => Find(obj, remove: true);

    private List<string> Find(JsonObject obj, bool remove)
    {
        ArgumentNullException.ThrowIfNull(obj);
        TypeDefinition? type = TypeOf(obj);
        var found = new List<string>();
        if (type is not null)
        {
            Walk(type, obj, "", found, topLevel: true, remove);
        }

        return found;
    }

    /// <summary>Values the real API server could not decode into their Go types (see <see cref="FieldTypeChecker"/>).</summary>
    public IReadOnlyList<FieldTypeMismatch> FindTypeMismatches(JsonObject obj) => new FieldTypeChecker(_model).Check(obj);

    private TypeDefinition? TypeOf(JsonObject obj) => FieldTypeChecker.TypeOf(_model, obj);

    private void Walk(TypeDefinition type, JsonObject obj, string prefix, List<string> unknown, bool topLevel, bool remove)
    {
        var (fields, open) = _model.JsonShape(type);
        var doomed = new List<string>();
        foreach (var (name, value) in obj)
        {
            string path = prefix.Length == 0 ? name : prefix + "." + name;
            if (!fields.TryGetValue(name, out FieldDefinition? field))
            {
                if (!open && !(topLevel && name is "apiVersion" or "kind"))
                {
                    unknown.Add(path);
                    doomed.Add(name);
                }

                continue;
            }

            if (field.Kind != FieldKind.Message || _model.Resolve(field) is not { IsListWrapper: false } nested)
            {
                continue;
            }

            switch (value)
            {
                case JsonArray array when field.Repeated:
                    for (int i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonObject item)
                        {
                            Walk(nested, item, $"{path}[{i}]", unknown, topLevel: false, remove);
                        }
                    }

                    break;
                case JsonObject map when field.IsMap:
                    foreach (var (key, entry) in map)
                    {
                        if (entry is JsonObject item)
                        {
                            Walk(nested, item, path + "." + key, unknown, topLevel: false, remove);
                        }
                    }

                    break;
                case JsonObject item when !field.Repeated && !field.IsMap:
                    Walk(nested, item, path, unknown, topLevel: false, remove);
                    break;
            }
        }

        if (remove)
        {
            foreach (var name in doomed)
            {
                obj.Remove(name);
            }
        }
    }
}
