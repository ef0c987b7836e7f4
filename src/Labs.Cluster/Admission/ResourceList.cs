using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>
/// A <c>ResourceList</c> (resource name → quantity), sorted by name as Kubernetes prints them, with the arithmetic of
/// apiserver's <c>quota/v1</c> helpers.
/// </summary>
internal sealed class ResourceList : SortedDictionary<string, Quantity>
{
    /// <summary>An empty list.</summary>
    public ResourceList()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>A copy of <paramref name="other"/>.</summary>
    public ResourceList(IEnumerable<KeyValuePair<string, Quantity>> other)
        : this()
    {
        foreach (var (name, quantity) in other)
        {
            this[name] = quantity;
        }
    }

    /// <summary>Reads a JSON map of quantities (null or absent: empty). Values must already be valid quantities.</summary>
    public static ResourceList Read(JsonNode? node)
    {
        var list = new ResourceList();
        if (node is JsonObject map)
        {
            foreach (var (name, value) in map)
            {
                list[name] = Quantity.TryParse(value, out var quantity, out var error)
                    ? quantity
                    : throw new FormatException($"{name}: {error}");
            }
        }

        return list;
    }

    /// <summary>The list as a JSON map of canonical quantity strings.</summary>
    public JsonObject ToJson()
    {
        var map = new JsonObject();
        foreach (var (name, quantity) in this)
        {
            map[name] = quantity.ToString();
        }

        return map;
    }

    /// <summary>Adds <paramref name="quantity"/> to the entry (creating it).</summary>
    public void AddTo(string name, Quantity quantity) => this[name] = TryGetValue(name, out var existing) ? existing.Add(quantity) : quantity;

    /// <summary>The sum of two lists (quota's <c>Add</c>).</summary>
    public ResourceList Plus(ResourceList other)
    {
        var result = new ResourceList(this);
        foreach (var (name, quantity) in other)
        {
            result.AddTo(name, quantity);
        }

        return result;
    }

    /// <summary>This list with the entries of <paramref name="newer"/> replacing or adding to its own.</summary>
    public ResourceList Merge(ResourceList newer)
    {
        var result = new ResourceList(this);
        foreach (var (name, quantity) in newer)
        {
            result[name] = quantity;
        }

        return result;
    }

    /// <summary>Only the entries whose names are in <paramref name="names"/> (quota's <c>Mask</c>).</summary>
    public ResourceList Mask(IEnumerable<string> names)
    {
        var result = new ResourceList();
        foreach (var name in names)
        {
            if (TryGetValue(name, out var quantity))
            {
                result[name] = quantity;
            }
        }

        return result;
    }

    /// <summary>This minus <paramref name="other"/>, never below zero (quota's <c>SubtractWithNonNegativeResult</c>).</summary>
    public ResourceList MinusNonNegative(ResourceList other)
    {
        var result = new ResourceList();
        foreach (var (name, quantity) in this)
        {
            var difference = other.TryGetValue(name, out var subtrahend) ? quantity.Subtract(subtrahend) : quantity;
            result[name] = difference.Sign < 0 ? default : difference;
        }

        return result;
    }

    /// <summary>Without zero entries (quota's <c>RemoveZeros</c>).</summary>
    public ResourceList WithoutZeros() => new(this.Where(pair => !pair.Value.IsZero));

    /// <summary>The names whose value here exceeds the one in <paramref name="limits"/> (names absent there never do).</summary>
    public IReadOnlyList<string> Exceeding(ResourceList limits) =>
        this.Where(pair => limits.TryGetValue(pair.Key, out var limit) && pair.Value > limit).Select(pair => pair.Key).ToList();

    /// <summary><c>name=value,name=value</c>, sorted by name (quota's <c>prettyPrint</c>).</summary>
    public override string ToString() => string.Join(',', this.Select(pair => $"{pair.Key}={pair.Value}"));
}
