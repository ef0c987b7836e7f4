using System.Globalization;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Workloads;

/// <summary>Resolves Kubernetes IntOrString values such as <c>maxSurge: 25%</c> against a replica count.</summary>
internal static class IntOrPercent
{
    public static int Resolve(JsonNode? value, int total, bool roundUp, int fallbackPercent)
    {
        if (value is JsonValue v)
        {
            if (v.TryGetValue<int>(out var i))
            {
                return i;
            }

            if (v.TryGetValue<long>(out var l))
            {
                return (int)l;
            }

            if (v.TryGetValue<string>(out var s))
            {
                if (s.EndsWith('%') && int.TryParse(s.AsSpan(0, s.Length - 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p))
                {
                    return Percent(p, total, roundUp);
                }

                if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out i))
                {
                    return i;
                }
            }
        }

        return Percent(fallbackPercent, total, roundUp);
    }

    private static int Percent(int percent, int total, bool roundUp)
    {
        var exact = percent * (double)total / 100;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }
}
