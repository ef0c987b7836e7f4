namespace Labs.Cluster.Schema;

/// <summary>
/// Checks <c>metav1.Duration</c> text (<c>1h30m</c>, <c>90s</c>, <c>1.5h</c>) the way Go's <c>time.ParseDuration</c>
/// does, with its error messages.
/// </summary>
internal static class GoDurationText
{
    private static readonly Dictionary<string, ulong> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["\u00b5s"] = 1_000,
        ["\u03bcs"] = 1_000,
        ["ms"] = 1_000_000,
        ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000,
    };

    /// <summary>The Go error for the text, or null when it parses.</summary>
    public static string? Problem(string text) => Problem(text, out _);

    /// <summary>The Go error for the text, or null when it parses, with the duration it names.</summary>
    public static string? Problem(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        var invalid = $"time: invalid duration {GoTimeText.Quote(text)}";
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return null;
        }

        if (s.Length == 0)
        {
            return invalid;
        }

        UInt128 total = 0;
        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                return invalid;
            }

            var digits = Digits(s, 0);
            UInt128 whole = 0;
            foreach (var c in s.AsSpan(0, digits))
            {
                whole = (whole * 10) + (UInt128)(c - '0');
                if (whole > long.MaxValue)
                {
                    return invalid;
                }
            }

            var pre = digits > 0;
            s = s[digits..];
            var fraction = 0.0;
            var post = false;
            if (s.Length > 0 && s[0] == '.')
            {
                var fractionDigits = Digits(s, 1) - 1;
                post = fractionDigits > 0;
                if (post)
                {
                    fraction = double.Parse(string.Concat("0.", s.AsSpan(1, Math.Min(fractionDigits, 18))), System.Globalization.CultureInfo.InvariantCulture);
                }

                s = s[(fractionDigits + 1)..];
            }

            if (!pre && !post)
            {
                return invalid;
            }

            var unitLength = 0;
            while (unitLength < s.Length && !(s[unitLength] == '.' || char.IsAsciiDigit(s[unitLength])))
            {
                unitLength++;
            }

            if (unitLength == 0)
            {
                return $"time: missing unit in duration {GoTimeText.Quote(text)}";
            }

            var unit = s[..unitLength];
            s = s[unitLength..];
            if (!Units.TryGetValue(unit, out var scale))
            {
                return $"time: unknown unit {GoTimeText.Quote(unit)} in duration {GoTimeText.Quote(text)}";
            }

            total += (whole * scale) + (UInt128)(fraction * scale);
            if (total > (UInt128)1 << 63)
            {
                return invalid;
            }
        }

        if (!negative && total > long.MaxValue)
        {
            return invalid;
        }

        var ticks = (long)(total / 100);
        duration = TimeSpan.FromTicks(negative ? -ticks : ticks);
        return null;
    }

    private static int Digits(string s, int from)
    {
        var i = from;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        return i;
    }
}
