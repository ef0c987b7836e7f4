using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// The field set of an object as structured-merge-diff computes it (<c>ToFieldSet</c>): every leaf, every list item,
/// and every map entry that is not a declared field of a struct, an empty object or null; atomic lists and objects are
/// leaves.
/// </summary>
internal static class ObjectFields
{
    /// <summary>The fields <paramref name="value"/> sets.</summary>
    public static FieldSet Of(JsonNode? value, ApplyType type)
    {
        var set = new FieldSet();
        Walk(value, type, [], set);
        return set;
    }

    private static void Walk(JsonNode? node, ApplyType type, List<string> path, FieldSet set)
    {
        switch (node)
        {
            case JsonObject obj when !type.Atomic:
                foreach (var (key, child) in obj)
                {
                    path.Add(PathElement.Field(key));
                    Walk(child, type.Child(key), path, set);
                    if (child is null || child is JsonObject { Count: 0 } || !type.IsNamedField(key))
                    {
                        set.Insert(path);
                    }

                    path.RemoveAt(path.Count - 1);
                }

                break;
            case JsonArray list when type.List != ListShape.Atomic:
                for (var i = 0; i < list.Count; i++)
                {
                    path.Add(type.ItemElement(list[i], i));
                    Walk(list[i], type.Element, path, set);
                    set.Insert(path);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            default:
                set.Insert(path);
                break;
        }
    }

    /// <summary>
    /// <paramref name="set"/> with every declared struct field on its paths made a member too (structured-merge-diff's
    /// <c>EnsureNamedFieldsAreMembers</c>), so that removing a field that held owned fields removes the field itself.
    /// </summary>
    public static FieldSet WithNamedFields(FieldSet set, ApplyType type)
    {
        var result = set.Copy();
        AddNamed(set, type, [], result);
        return result;
    }

    private static void AddNamed(FieldSet set, ApplyType type, List<string> path, FieldSet into)
    {
        foreach (var element in set.ChildElements)
        {
            var childType = element.StartsWith("f:", StringComparison.Ordinal) ? type.Child(element[2..]) : type.Element;
            path.Add(element);
            if (element.StartsWith("f:", StringComparison.Ordinal) && type.IsNamedField(element[2..]))
            {
                into.Insert(path);
            }

            AddNamed(set.WithPrefix(element), childType, path, into);
            path.RemoveAt(path.Count - 1);
        }
    }
}
