using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>The shape of a value as server-side apply sees it (structured-merge-diff's schema atoms).</summary>
internal enum ApplyShape
{
    /// <summary>A string, number, boolean or other leaf.</summary>
    Scalar,

    /// <summary>An object with declared fields (a Go struct).</summary>
    Struct,

    /// <summary>An object keyed by arbitrary strings (a Go map), or an object of unknown shape.</summary>
    Map,

    /// <summary>A JSON array.</summary>
    List,
}

/// <summary>How the items of a list relate (<c>x-kubernetes-list-type</c>).</summary>
internal enum ListShape
{
    /// <summary>The list is one value: replaced and owned whole.</summary>
    Atomic,

    /// <summary>Scalars that are unique: each is owned on its own (<c>v:</c>).</summary>
    Set,

    /// <summary>Objects identified by key fields: each is owned on its own (<c>k:</c>).</summary>
    Map,
}

/// <summary>
/// What server-side apply needs to know about one position of an object: its shape, whether it is atomic, and for
/// lists how items are identified. Built from the built-in type model or a CRD's schema (<see cref="ApplyTypes"/>).
/// </summary>
internal abstract class ApplyType
{
    /// <summary>The value's shape.</summary>
    public abstract ApplyShape Shape { get; }

    /// <summary>For objects: whether the object is owned and replaced as one value.</summary>
    public virtual bool Atomic => false;

    /// <summary>For lists: how items are identified.</summary>
    public virtual ListShape List => ListShape.Atomic;

    /// <summary>For list maps: the key fields.</summary>
    public virtual IReadOnlyList<string> Keys => [];

    /// <summary>For list maps: the value a key field has when an item leaves it out (e.g. <c>protocol: TCP</c>), or null.</summary>
    public virtual JsonNode? KeyDefault(string key) => null;

    /// <summary>For structs: the type of a declared field, or null when it is not declared.</summary>
    public virtual ApplyType? Field(string name) => null;

    /// <summary>For maps and lists: the type of each value or item.</summary>
    public virtual ApplyType Element => ApplyTypes.Untyped;

    /// <summary>
    /// The object a new object of this type is compared with on create: the JSON of its Go zero value, or an empty
    /// object for types without one (custom resources).
    /// </summary>
    public virtual JsonObject Zero() => [];

    /// <summary>The type of the value under <paramref name="name"/> of an object of this type.</summary>
    public ApplyType Child(string name) => Field(name) ?? (Shape == ApplyShape.Struct ? ApplyTypes.Untyped : Element);

    /// <summary>Whether <paramref name="name"/> is a declared field of a struct (structured-merge-diff's named fields).</summary>
    public bool IsNamedField(string name) => Shape == ApplyShape.Struct && Field(name) is not null;

    /// <summary>
    /// The step that identifies <paramref name="item"/> in a list of this type: its keys, its value, or (atomic lists
    /// have none) its index.
    /// </summary>
    public string ItemElement(JsonNode? item, int index)
    {
        switch (List)
        {
            case ListShape.Set:
                return PathElement.Value(item);
            case ListShape.Map when item is JsonObject obj:
                var keys = new List<KeyValuePair<string, JsonNode?>>();
                foreach (var key in Keys)
                {
                    if (obj[key] is { } value)
                    {
                        keys.Add(new(key, value));
                    }
                    else if (KeyDefault(key) is { } fallback)
                    {
                        keys.Add(new(key, fallback));
                    }
                }

                return keys.Count > 0 ? PathElement.Key(keys) : PathElement.Index(index);
            default:
                return PathElement.Index(index);
        }
    }
}
