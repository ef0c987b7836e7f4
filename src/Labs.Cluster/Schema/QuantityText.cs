namespace Labs.Cluster.Schema;

/// <summary>
/// Checks <c>resource.Quantity</c> text (<c>100m</c>, <c>1Gi</c>, <c>1e3</c>) the way apimachinery's
/// <c>ParseQuantity</c> does, with its error messages.
/// </summary>
internal static class QuantityText
{
    /// <summary>apimachinery's ErrFormatWrong.</summary>
    public const string FormatWrong = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>apimachinery's ErrSuffix.</summary>
    public const string SuffixWrong = "unable to parse quantity's suffix";

    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "n", "u", "m", "", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei",
    };

    /// <summary>The apimachinery error for the text, or null when it is a quantity.</summary>
    public static string? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.Length == 0)
        {
            return FormatWrong;
        }

        var pos = s[0] is '-' or '+' ? 1 : 0;
        pos = SkipDigits(s, pos);
        if (pos < s.Length && s[pos] == '.')
        {
            pos = SkipDigits(s, pos + 1);
        }

        var suffixStart = pos;
        while (pos < s.Length && "eEinumkKMGTP".Contains(s[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < s.Length && s[pos] is '-' or '+')
        {
            pos++;
        }

        if (SkipDigits(s, pos) < s.Length)
        {
            return FormatWrong;
        }

        var suffix = s[suffixStart..];
        if (Suffixes.Contains(suffix))
        {
            return null;
        }

        var isExponent = suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && long.TryParse(suffix[1..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _);
        return isExponent ? null : SuffixWrong;
    }

    private static int SkipDigits(string s, int pos)
    {
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        return pos;
    }
}
