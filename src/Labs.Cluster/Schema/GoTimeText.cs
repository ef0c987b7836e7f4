using System.Text;

namespace Labs.Cluster.Schema;

/// <summary>
/// Checks <c>metav1.Time</c> (RFC 3339) and <c>metav1.MicroTime</c> (RFC 3339 with exactly six fractional digits) text
/// the way Go's <c>time.Parse</c> reads it, with Go's error messages
/// (<c>parsing time "x" as "2006-01-02T15:04:05Z07:00": cannot parse "x" as "2006"</c>).
/// </summary>
internal static class GoTimeText
{
    /// <summary>Go's <c>time.RFC3339</c>.</summary>
    public const string Rfc3339 = "2006-01-02T15:04:05Z07:00";

    /// <summary>Go's <c>metav1.RFC3339Micro</c>.</summary>
    public const string Rfc3339Micro = "2006-01-02T15:04:05.000000Z07:00";

    /// <summary>The Go error for the text, or null when it parses.</summary>
    /// <param name="text">The time text.</param>
    /// <param name="micro">Whether the layout is <see cref="Rfc3339Micro"/> (else <see cref="Rfc3339"/>).</param>
    public static string? Problem(string text, bool micro)
    {
        ArgumentNullException.ThrowIfNull(text);
        var layout = micro ? Rfc3339Micro : Rfc3339;
        var value = text;
        string? Bad(string element) => $"parsing time {Quote(text)} as {Quote(layout)}: cannot parse {Quote(value)} as {Quote(element)}";
        string Range(string what) => $"parsing time {Quote(text)}: {what} out of range";

        if (value.Length < 4 || !int.TryParse(value[..4], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var year))
        {
            return Bad("2006");
        }

        value = value[4..];
        if (!Skip(ref value, "-"))
        {
            return Bad("-");
        }

        var hold = value;
        if (!Number(ref value, fixedWidth: true, out var month))
        {
            value = hold;
            return Bad("01");
        }

        if (month is < 1 or > 12)
        {
            return Range("month");
        }

        if (!Skip(ref value, "-"))
        {
            return Bad("-");
        }

        hold = value;
        if (!Number(ref value, fixedWidth: true, out var day))
        {
            value = hold;
            return Bad("02");
        }

        foreach (var (separator, element, max, name, fixedWidth) in (ReadOnlySpan<(string, string, int, string, bool)>)
            [("T", "15", 24, "hour", false), (":", "04", 60, "minute", true), (":", "05", 60, "second", true)])
        {
            if (!Skip(ref value, separator))
            {
                return Bad(separator);
            }

            hold = value;
            if (!Number(ref value, fixedWidth, out var number))
            {
                value = hold;
                return Bad(element);
            }

            if (number >= max)
            {
                return Range(name);
            }
        }

        if (micro)
        {
            if (value.Length < 7 || value[0] is not ('.' or ',') || !value.AsSpan(1, 6).ContainsOnlyDigits())
            {
                return Bad(".000000");
            }

            value = value[7..];
        }
        else if (value.Length >= 2 && value[0] is '.' or ',' && char.IsAsciiDigit(value[1]))
        {
            var n = 2;
            while (n < value.Length && char.IsAsciiDigit(value[n]))
            {
                n++;
            }

            value = value[n..];
        }

        if (ZoneProblem(ref value) is { } zone)
        {
            return zone == "bad" ? Bad("Z07:00") : Range(zone);
        }

        if (value.Length > 0)
        {
            return $"parsing time {Quote(text)}: extra text: {Quote(value)}";
        }

        return day < 1 || day > DaysIn(month, year) ? Range("day") : null;
    }

    /// <summary>Go's <c>time</c> package quoting: non-ASCII and control bytes as <c>\x</c> escapes.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b >= 0x80 || b < 0x20)
            {
                text.Append("\\x").Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(b is (byte)'"' or (byte)'\\' ? "\\" : string.Empty).Append((char)b);
            }
        }

        return text.Append('"').ToString();
    }

    private static string? ZoneProblem(ref string value)
    {
        if (value.StartsWith('Z'))
        {
            value = value[1..];
            return null;
        }

        if (value.Length < 6 || value[3] != ':' || value[0] is not ('+' or '-')
            || !value.AsSpan(1, 2).ContainsOnlyDigits() || !value.AsSpan(4, 2).ContainsOnlyDigits())
        {
            return "bad";
        }

        var hours = int.Parse(value.AsSpan(1, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var minutes = int.Parse(value.AsSpan(4, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        value = value[6..];
        return hours > 24 ? "time zone offset hour" : minutes > 60 ? "time zone offset minute" : null;
    }

    private static bool Skip(ref string value, string prefix)
    {
        if (!value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        value = value[prefix.Length..];
        return true;
    }

    // Go's getnum: one or two digits (two required when fixed).
    private static bool Number(ref string value, bool fixedWidth, out int number)
    {
        number = 0;
        if (value.Length == 0 || !char.IsAsciiDigit(value[0]))
        {
            return false;
        }

        if (value.Length < 2 || !char.IsAsciiDigit(value[1]))
        {
            if (fixedWidth)
            {
                return false;
            }

            number = value[0] - '0';
            value = value[1..];
            return true;
        }

        number = ((value[0] - '0') * 10) + (value[1] - '0');
        value = value[2..];
        return true;
    }

    private static int DaysIn(int month, int year) =>
        month == 2 ? (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28)
        : month is 4 or 6 or 9 or 11 ? 30 : 31;

    private static bool ContainsOnlyDigits(this ReadOnlySpan<char> span) => span.IndexOfAnyExceptInRange('0', '9') < 0;
}
