using System.Text;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Fuzz;

/// <summary>
/// Deterministic (seeded) mutations of inputs: byte-level damage, inserted hostile tokens (lone surrogates, duplicate
/// keys, huge numbers, deep nesting), and structure-aware replacement of JSON values by values of other types.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\"a\":1,\"a\":2,", "1e400", "-0", "1e12", "2147483648", "-9223372036854775809",
        "0.5", "null", "true", "[]", "{}", "\"", "\\", ",", ":", "{", "}", "[", "]", "[[[[[[[[[[", "}}}}}", "\"$patch\":\"delete\",",
        "\"$retainKeys\":[\"x\"],", "\"$setElementOrder/containers\":[{\"name\":1}],", "\"$deleteFromPrimitiveList/finalizers\":[1],",
    ];

    private static readonly byte[] Interesting = [(byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)'0', (byte)'-', (byte)'e', 0x00, 0x7F, 0xC3, 0xED, 0xF0, 0xFF];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>One to four byte-level mutations of a copy of <paramref name="input"/>.</summary>
    public byte[] Mutate(byte[] input)
    {
        var bytes = new List<byte>(input);
        for (var n = 1 + _random.Next(4); n > 0; n--)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(7))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[at] = Pick(Interesting);
                    break;
                case 2:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(Tokens)));
                    break;
                case 3 when bytes.Count > 0:
                    bytes.RemoveRange(at, Math.Min(1 + _random.Next(16), bytes.Count - at));
                    break;
                case 4 when bytes.Count > 0:
                    var length = Math.Min(1 + _random.Next(64), bytes.Count - at);
                    bytes.InsertRange(_random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                case 5 when bytes.Count > 0:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                default:
                    bytes.Insert(at, (byte)_random.Next(256));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A copy of <paramref name="input"/> with one to three values replaced by random values of any type.</summary>
    public JsonNode MutateJson(JsonNode input)
    {
        var copy = input.DeepClone();
        for (var n = 1 + _random.Next(3); n > 0; n--)
        {
            var slots = new List<(JsonNode Parent, string? Key, int Index)>();
            Collect(copy, slots);
            if (slots.Count == 0)
            {
                break;
            }

            var (parent, key, index) = Pick(slots);
            var value = Value(3);
            if (parent is JsonObject o)
            {
                o[key!] = value;
            }
            else
            {
                ((JsonArray)parent)[index] = value;
            }
        }

        return copy;
    }

    /// <summary>A random JSON value nested at most <paramref name="depth"/> deep, biased towards what decoders trip on.</summary>
    public JsonNode? Value(int depth)
    {
        return _random.Next(depth > 0 ? 14 : 11) switch
        {
            0 => null,
            1 => _random.Next(2) == 0,
            2 => _random.Next(-5, 100_000),
            3 => JsonNode.Parse(Pick(["1e12", "2147483648", "-1", "0.5", "1e400", "9223372036854775807", "1.0", "-0"])),
            4 => Pick(["", "x", "100m", "1Gi", "lots", "2024-01-01T00:00:00Z", "2024-13-45T99:99:99Z", "1h30m", "YWJj", "@@@", "a b", "web"]),
            5 => Text(12),
            6 => new string('x', _random.Next(300)),
            7 => "\uFFFD\u00e9\u4e2d",
            8 => new JsonArray(),
            9 => new JsonObject(),
            10 => _random.NextDouble() * 1e6,
            11 => new JsonArray(Enumerable.Range(0, _random.Next(4)).Select(_ => Value(depth - 1)).ToArray()),
            _ => new JsonObject(Enumerable.Range(0, _random.Next(4))
                .Select(i => KeyValuePair.Create(Pick(["name", "image", "replicas", "spec", "metadata", "labels", "$patch", "data", "port", Text(5)]) + (i > 0 ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty), Value(depth - 1)))),
        };
    }

    /// <summary>Random text over an alphabet that includes every label and field selector operator.</summary>
    public string Text(int maxLength, string alphabet = "abz09-_./=!(),<>\\ inotin\t%é")
    {
        var text = new StringBuilder();
        for (var n = _random.Next(maxLength + 1); n > 0; n--)
        {
            text.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    slots.Add((obj, key, -1));
                    if (value is not null)
                    {
                        Collect(value, slots);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add((array, null, i));
                    if (array[i] is { } item)
                    {
                        Collect(item, slots);
                    }
                }

                break;
        }
    }
}
