using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// A set of field paths, structured-merge-diff's <c>fieldpath.Set</c>: a tree whose nodes know which of their child
/// steps are members themselves (<see cref="PathElement"/> texts) and which lead further. It reads and writes the
/// FieldsV1 encoding of <c>metadata.managedFields</c>: <c>{"f:spec":{"f:replicas":{}}}</c>, with <c>".": {}</c> where a
/// step is a member and has children too.
/// </summary>
internal sealed class FieldSet
{
    private readonly HashSet<string> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldSet> _children = new(StringComparer.Ordinal);

    /// <summary>Whether the set holds no path.</summary>
    public bool IsEmpty => _members.Count == 0 && _children.Values.All(c => c.IsEmpty);

    /// <summary>Adds the path of these steps (the empty path is not a member of anything and is ignored).</summary>
    public void Insert(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return;
        }

        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            node = node.Child(path[i]);
        }

        node._members.Add(path[^1]);
    }

    /// <summary>Whether the path is a member.</summary>
    public bool Has(IReadOnlyList<string> path)
    {
        var node = this;
        for (var i = 0; i < path.Count - 1; i++)
        {
            if (!node._children.TryGetValue(path[i], out node))
            {
                return false;
            }
        }

        return path.Count > 0 && node._members.Contains(path[^1]);
    }

    /// <summary>Whether <paramref name="element"/> is a member at this level.</summary>
    public bool HasMember(string element) => _members.Contains(element);

    /// <summary>The paths below <paramref name="element"/>, relative to it (an empty set when there are none).</summary>
    public FieldSet WithPrefix(string element) => _children.TryGetValue(element, out var child) ? child : Empty;

    /// <summary>The steps at this level that lead to further paths.</summary>
    public IEnumerable<string> ChildElements => _children.Keys;

    /// <summary>
    /// The paths of this set that neither are in <paramref name="exclude"/> nor lie below one of its members
    /// (structured-merge-diff's <c>RecursiveDifference</c>, how reset fields such as <c>status</c> are ignored).
    /// </summary>
    public FieldSet RecursiveDifference(FieldSet exclude)
    {
        var result = new FieldSet();
        foreach (var member in _members.Where(m => !exclude._members.Contains(m)))
        {
            result._members.Add(member);
        }

        foreach (var (element, child) in _children)
        {
            if (exclude._members.Contains(element))
            {
                continue;
            }

            var rest = exclude._children.TryGetValue(element, out var inner) ? child.RecursiveDifference(inner) : child.Copy();
            if (!rest.IsEmpty)
            {
                result._children[element] = rest;
            }
        }

        return result;
    }

    /// <summary>Only the paths that start with <paramref name="element"/> (it included).</summary>
    public FieldSet Only(string element)
    {
        var result = new FieldSet();
        if (_members.Contains(element))
        {
            result._members.Add(element);
        }

        if (_children.TryGetValue(element, out var child) && !child.IsEmpty)
        {
            result._children[element] = child.Copy();
        }

        return result;
    }

    /// <summary>A set with no paths; do not modify it.</summary>
    public static FieldSet Empty { get; } = new();

    /// <summary>Every path in either set.</summary>
    public FieldSet Union(FieldSet other) => Combine(this, other, (a, b) => a || b);

    /// <summary>The paths of this set that are not in <paramref name="other"/>.</summary>
    public FieldSet Difference(FieldSet other) => Combine(this, other, (a, b) => a && !b);

    /// <summary>The paths in both sets.</summary>
    public FieldSet Intersection(FieldSet other) => Combine(this, other, (a, b) => a && b);

    /// <summary>Every member path, in structured-merge-diff's order.</summary>
    public IEnumerable<IReadOnlyList<string>> Paths() => PathsUnder([]);

    private IEnumerable<IReadOnlyList<string>> PathsUnder(List<string> prefix)
    {
        foreach (var element in _members.Union(_children.Keys).Order(PathElement.Order))
        {
            prefix.Add(element);
            if (_members.Contains(element))
            {
                yield return prefix.ToArray();
            }

            if (_children.TryGetValue(element, out var child))
            {
                foreach (var path in child.PathsUnder(prefix))
                {
                    yield return path;
                }
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    /// <summary>The FieldsV1 JSON of the set.</summary>
    public JsonObject ToFieldsV1()
    {
        var json = new JsonObject();
        foreach (var element in _members.Union(_children.Keys).Order(PathElement.Order))
        {
            var child = _children.GetValueOrDefault(element);
            if (child is null || child.IsEmpty)
            {
                json[element] = new JsonObject();
                continue;
            }

            var inner = child.ToFieldsV1();
            if (_members.Contains(element))
            {
                var withSelf = new JsonObject { ["."] = new JsonObject() };
                foreach (var (key, value) in inner.ToList())
                {
                    inner.Remove(key);
                    withSelf[key] = value;
                }

                inner = withSelf;
            }

            json[element] = inner;
        }

        return json;
    }

    /// <summary>Reads FieldsV1 JSON; throws <see cref="FormatException"/> saying where it is malformed.</summary>
    public static FieldSet FromFieldsV1(JsonNode? json)
    {
        var set = new FieldSet();
        Read(json, set, string.Empty);
        return set;
    }

    private static void Read(JsonNode? json, FieldSet into, string where)
    {
        if (json is not JsonObject obj)
        {
            throw new FormatException($"{(where.Length == 0 ? "fieldsV1" : where)}: expected a JSON object");
        }

        foreach (var (key, value) in obj)
        {
            if (key == ".")
            {
                continue;
            }

            if (!PathElement.IsValid(key))
            {
                throw new FormatException($"{where}: unexpected key {key}: a path element starts with f:, k:, v: or i:");
            }

            if (value is not JsonObject inner)
            {
                throw new FormatException($"{where}.{key}: expected a JSON object");
            }

            if (inner.Count == 0 || inner.ContainsKey("."))
            {
                into._members.Add(key);
            }

            if (inner.Count > (inner.ContainsKey(".") ? 1 : 0))
            {
                Read(inner, into.Child(key), $"{where}.{key}");
            }
        }
    }

    /// <summary>A deep copy.</summary>
    public FieldSet Copy() => Union(Empty);

    private FieldSet Child(string element)
    {
        if (!_children.TryGetValue(element, out var child))
        {
            child = new FieldSet();
            _children[element] = child;
        }

        return child;
    }

    private static FieldSet Combine(FieldSet a, FieldSet b, Func<bool, bool, bool> keep)
    {
        var result = new FieldSet();
        foreach (var member in a._members.Union(b._members))
        {
            if (keep(a._members.Contains(member), b._members.Contains(member)))
            {
                result._members.Add(member);
            }
        }

        foreach (var key in a._children.Keys.Union(b._children.Keys))
        {
            var child = Combine(a._children.GetValueOrDefault(key) ?? Empty, b._children.GetValueOrDefault(key) ?? Empty, keep);
            if (!child.IsEmpty)
            {
                result._children[key] = child;
            }
        }

        return result;
    }

    /// <summary>Paths as structured-merge-diff prints them, e.g. <c>.spec.replicas</c>.</summary>
    public static string Display(IReadOnlyList<string> path) => string.Concat(path.Select(PathElement.Display));
}
