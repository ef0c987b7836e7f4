using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Api.Apply;

/// <summary>
/// One step of a field path, held in its FieldsV1 form: <c>f:name</c> (a field), <c>k:{"name":"web"}</c> (a list item
/// by its keys), <c>v:"x"</c> (a set item by value) or <c>i:0</c> (a list item by index). The text is the identity, so
/// sets are plain string dictionaries; <see cref="Order"/> sorts them as structured-merge-diff does.
/// </summary>
internal static class PathElement
{
    /// <summary>The step into field <paramref name="name"/>.</summary>
    public static string Field(string name) => "f:" + name;

    /// <summary>The step to the list item whose key fields have these values (sorted by name, as the encoding requires).</summary>
    public static string Key(IEnumerable<KeyValuePair<string, JsonNode?>> keys)
    {
        var text = new StringBuilder("k:{");
        var first = true;
        foreach (var (name, value) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            if (!first)
            {
                text.Append(',');
            }

            first = false;
            text.Append(JsonSerializer.Serialize(name, Relaxed)).Append(':').Append(Canonical(value));
        }

        return text.Append('}').ToString();
    }

    /// <summary>The step to the set item equal to <paramref name="value"/>.</summary>
    public static string Value(JsonNode? value) => "v:" + Canonical(value);

    /// <summary>The step to the list item at <paramref name="index"/>.</summary>
    public static string Index(int index) => "i:" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="element"/> is a well-formed step (FieldsV1 keys are nothing else).</summary>
    public static bool IsValid(string element)
    {
        if (element.Length < 2 || element[1] != ':')
        {
            return false;
        }

        var body = element[2..];
        try
        {
            return element[0] switch
            {
                'f' => true,
                'k' => JsonNode.Parse(body) is JsonObject,
                'v' => JsonNode.Parse(body) is var _,
                'i' => int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out _),
                _ => false,
            };
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// The step as structured-merge-diff prints it in a path: <c>.name</c>, <c>[name="web"]</c>, <c>[=x]</c>, <c>[0]</c>.
    /// </summary>
    public static string Display(string element)
    {
        var body = element[2..];
        switch (element[0])
        {
            case 'f':
                return "." + body;
            case 'k':
                var keys = JsonNode.Parse(body)!.AsObject().Select(p => $"{p.Key}={Canonical(p.Value)}");
                return "[" + string.Join(",", keys) + "]";
            case 'v':
                return "[=" + body + "]";
            default:
                return "[" + body + "]";
        }
    }

    /// <summary>Orders steps as structured-merge-diff does: fields, then keys, then values, then indexes.</summary>
    public static IComparer<string> Order { get; } = Comparer<string>.Create(Compare);

    private static int Compare(string a, string b)
    {
        var byKind = Rank(a[0]).CompareTo(Rank(b[0]));
        if (byKind != 0)
        {
            return byKind;
        }

        return a[0] switch
        {
            'f' => string.CompareOrdinal(a, b),
            'i' => int.Parse(a.AsSpan(2), CultureInfo.InvariantCulture).CompareTo(int.Parse(b.AsSpan(2), CultureInfo.InvariantCulture)),
            'k' => CompareFields(JsonNode.Parse(a[2..])!.AsObject(), JsonNode.Parse(b[2..])!.AsObject()),
            _ => CompareValues(JsonNode.Parse(a[2..]), JsonNode.Parse(b[2..])),
        };
    }

    private static int Rank(char kind) => kind switch { 'f' => 0, 'k' => 1, 'v' => 2, _ => 3 };

    private static int CompareFields(JsonObject a, JsonObject b)
    {
        var left = a.ToList();
        var right = b.ToList();
        for (var i = 0; ; i++)
        {
            if (i >= left.Count || i >= right.Count)
            {
                return left.Count.CompareTo(right.Count);
            }

            var byName = string.CompareOrdinal(left[i].Key, right[i].Key);
            if (byName != 0)
            {
                return byName;
            }

            var byValue = CompareValues(left[i].Value, right[i].Value);
            if (byValue != 0)
            {
                return byValue;
            }
        }
    }

    private static int CompareValues(JsonNode? a, JsonNode? b)
    {
        var (ka, kb) = (KindRank(a), KindRank(b));
        if (ka != kb)
        {
            return ka.CompareTo(kb);
        }

        return (a, b) switch
        {
            (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.Number => x.GetValue<double>().CompareTo(y.GetValue<double>()),
            (JsonValue x, JsonValue y) when x.GetValueKind() == JsonValueKind.String => string.CompareOrdinal(x.GetValue<string>(), y.GetValue<string>()),
            _ => string.CompareOrdinal(Canonical(a), Canonical(b)),
        };
    }

    private static int KindRank(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => 0,
        JsonValueKind.Number => 1,
        JsonValueKind.String => 2,
        JsonValueKind.True or JsonValueKind.False => 3,
        JsonValueKind.Array => 4,
        _ => 5,
    };

    /// <summary>Compact JSON of a value, the identity of set items and keys (numbers as written, no spaces).</summary>
    public static string Canonical(JsonNode? value) => value?.ToJsonString(Relaxed) ?? "null";

    // Quotes stay quotes in FieldsV1 keys, as the apiserver writes them.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
