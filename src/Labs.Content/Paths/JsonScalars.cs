using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Content.Paths;

/// <summary>
/// Compares JSON scalars the way lab authors expect: numbers numerically (2 equals 2.0, "2" equals 2), everything else
/// by its text, so <c>true</c> matches "true".
/// </summary>
public static class JsonScalars
{
    /// <summary>Whether two scalars are equal (numbers numerically, others by text). Objects and lists compare as JSON.</summary>
    public static bool AreEqual(JsonNode? left, JsonNode? right)
    {
        if (left is null || right is null)
            return left is null && right is null;
        if (left is JsonObject or JsonArray || right is JsonObject or JsonArray)
            return JsonNode.DeepEquals(left, right);
        if (TryNumber(left, out var a) && TryNumber(right, out var b) && (IsNumber(left) || IsNumber(right)))
            return a == b;
        return string.Equals(Text(left), Text(right), StringComparison.Ordinal);
    }

    /// <summary>The number a scalar holds (a JSON number, or text that is one), for numeric comparisons.</summary>
    public static bool TryNumber(JsonNode? node, out decimal value)
    {
        value = 0;
        if (node is not JsonValue)
            return false;
        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A scalar as text: strings without quotes, others as JSON; objects and lists as compact JSON.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>Evaluates <c>left OP right</c> for a JSONPath filter (==, !=, &lt;, &lt;=, &gt;, &gt;=).</summary>
    internal static bool Compare(JsonNode? left, string op, JsonNode? right)
    {
        switch (op)
        {
            case "==":
                return AreEqual(left, right);
            case "!=":
                return !AreEqual(left, right);
        }
        if (!TryNumber(left, out var a) || !TryNumber(right, out var b))
            return false;
        return op switch
        {
            "<" => a < b,
            "<=" => a <= b,
            ">" => a > b,
            ">=" => a >= b,
            _ => false,
        };
    }

    private static bool IsNumber(JsonNode node) => node.GetValueKind() == JsonValueKind.Number;
}
