using System.Text.Json.Nodes;

namespace Labs.Cluster.Schema;

/// <summary>
/// Finds required fields (the model's <c>!</c>, OpenAPI's <c>required</c>) that an object leaves out or sets to null,
/// in the parts a client writes: <c>status</c> is the controllers' business and is not checked.
/// </summary>
public sealed class RequiredFieldFinder
{
    private readonly TypeModel _model;

    /// <summary>Creates a finder over a type model.</summary>
    /// <param name="model">The model; <see cref="TypeModel.Default"/> when null.</param>
    public RequiredFieldFinder(TypeModel? model = null)
    {
        _model = model ?? TypeModel.Default;
    }

    /// <summary>Paths of missing required fields, e.g. <c>spec.ports[0].port</c>, using the object's own kind.</summary>
    public IReadOnlyList<string> FindMissing(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var found = new List<string>();
        if (FieldTypeChecker.TypeOf(_model, obj) is { } type)
        {
            Walk(type, obj, string.Empty, found);
        }

        return found;
    }

    private void Walk(TypeDefinition type, JsonObject obj, string prefix, List<string> found)
    {
        var (fields, _) = _model.JsonShape(type);
        foreach (var field in fields.Values)
        {
            if (field.Required && !field.RequiredInSchemaOnly && (!obj.TryGetPropertyValue(field.JsonName, out var present) || present is null))
            {
                found.Add(Join(prefix, field.JsonName));
            }
        }

        foreach (var (name, value) in obj)
        {
            if ((prefix.Length == 0 && name == "status") || value is null || !fields.TryGetValue(name, out var field)
                || field.Kind != FieldKind.Message || _model.Resolve(field) is not { IsListWrapper: false } nested)
            {
                continue;
            }

            var path = Join(prefix, name);
            switch (value)
            {
                case JsonArray array when field.Repeated:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonObject item)
                        {
                            Walk(nested, item, $"{path}[{i}]", found);
                        }
                    }

                    break;
                case JsonObject map when field.IsMap:
                    foreach (var (key, entry) in map)
                    {
                        if (entry is JsonObject item)
                        {
                            Walk(nested, item, $"{path}.{key}", found);
                        }
                    }

                    break;
                case JsonObject item when !field.Repeated && !field.IsMap:
                    Walk(nested, item, path, found);
                    break;
            }
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
}
