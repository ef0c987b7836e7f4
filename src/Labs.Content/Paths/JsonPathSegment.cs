using System.Text.Json.Nodes;

namespace Labs.Content.Paths;

/// <summary>One step of a JSONPath: from each current node to the nodes it selects.</summary>
internal abstract record JsonPathSegment
{
    public abstract IEnumerable<JsonNode?> Select(JsonNode? node);

    /// <summary><c>.name</c> or <c>['name']</c>.</summary>
    public sealed record Field(string Name) : JsonPathSegment
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node) =>
            node is JsonObject obj && obj.TryGetPropertyValue(Name, out var value) ? [value] : [];
    }

    /// <summary><c>[*]</c> or <c>.*</c>: every item of a list or value of a map.</summary>
    public sealed record Wildcard : JsonPathSegment
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node) => node switch
        {
            JsonArray array => array,
            JsonObject obj => obj.Select(p => p.Value),
            _ => [],
        };
    }

    /// <summary><c>[n]</c>, negative from the end.</summary>
    public sealed record Index(int Position) : JsonPathSegment
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node)
        {
            if (node is not JsonArray array)
                return [];
            var at = Position < 0 ? array.Count + Position : Position;
            return at >= 0 && at < array.Count ? [array[at]] : [];
        }
    }

    /// <summary><c>[start:end]</c>; either bound may be left out.</summary>
    public sealed record Slice(int? Start, int? End) : JsonPathSegment
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node)
        {
            if (node is not JsonArray array)
                return [];
            var start = Clamp(Start ?? 0, array.Count);
            var end = Clamp(End ?? array.Count, array.Count);
            return start < end ? array.Skip(start).Take(end - start) : [];
        }

        private static int Clamp(int value, int count) => Math.Clamp(value < 0 ? count + value : value, 0, count);
    }

    /// <summary><c>..name</c>: the field at any depth.</summary>
    public sealed record Recursive(string Name) : JsonPathSegment
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node)
        {
            var found = new List<JsonNode?>();
            Walk(node, found, 0);
            return found;
        }

        private void Walk(JsonNode? node, List<JsonNode?> found, int depth)
        {
            // Live objects are shallow; the bound only guards against pathological input.
            if (depth > 256)
                return;
            if (node is JsonObject obj)
            {
                if (obj.TryGetPropertyValue(Name, out var value))
                    found.Add(value);
                foreach (var (_, child) in obj)
                    Walk(child, found, depth + 1);
            }
            else if (node is JsonArray array)
            {
                foreach (var child in array)
                    Walk(child, found, depth + 1);
            }
        }
    }

    /// <summary><c>[?(@.type == "Ready")]</c> or <c>[?(@.ready)]</c>: the list items for which the filter holds.</summary>
    public sealed record Filter(JsonPathExpression Left, string? Operator, JsonNode? Right) : JsonPathSegment
    {
        public override IEnumerable<JsonNode?> Select(JsonNode? node)
        {
            IEnumerable<JsonNode?> items = node switch
            {
                JsonArray array => array,
                JsonObject obj => obj.Select(p => p.Value),
                _ => [],
            };
            return items.Where(Holds);
        }

        private bool Holds(JsonNode? item)
        {
            var values = Left.Evaluate(item);
            if (Operator is null)
                return values.Count > 0 && values[0] is not null && values[0]!.ToJsonString() is not ("false" or "\"\"");
            return values.Any(v => JsonScalars.Compare(v, Operator, Right));
        }
    }
}
