using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Admission;

/// <summary>Parsing, step for step as apimachinery's <c>ParseQuantity</c>, including which texts it keeps verbatim.</summary>
internal readonly partial struct Quantity
{
    /// <summary>apimachinery's <c>ErrFormatWrong</c>.</summary>
    public const string FormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

    /// <summary>apimachinery's <c>ErrSuffix</c>.</summary>
    public const string SuffixError = "unable to parse quantity's suffix";

    private const string SuffixLetters = "eEinumkKMGTP";
    private const int MaxInt64Factors = 18;
    private const int NanoScale = -9;

    private static readonly BigInteger MaxBinaryNanos = (BigInteger)long.MaxValue * NanosPerUnit;

    /// <summary>Parses a quantity; throws <see cref="FormatException"/> with Kubernetes' message when the text is not one.</summary>
    public static Quantity Parse(string text) =>
        TryParse(text, out var quantity, out var error) ? quantity : throw new FormatException(error);

    /// <summary>Parses a JSON string or number (Kubernetes accepts both); <paramref name="error"/> says why not.</summary>
    public static bool TryParse(JsonNode? node, out Quantity quantity, out string? error)
    {
        var text = node is JsonValue value
            ? value.TryGetValue<string>(out var s) ? s.Trim() : value.ToJsonString()
            : null;
        return TryParse(text, out quantity, out error);
    }

    /// <summary>Parses a quantity; <paramref name="error"/> is Kubernetes' message when it is not one.</summary>
    public static bool TryParse(string? text, out Quantity quantity, out string? error)
    {
        quantity = default;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = FormatError;
            return false;
        }

        if (text == "0")
        {
            quantity = new Quantity(BigInteger.Zero, QuantityFormat.DecimalSI, "0", (0, 0));
            return true;
        }

        if (!Split(text, out var positive, out var num, out var denom, out var suffix))
        {
            error = FormatError;
            return false;
        }

        if (!Interpret(suffix, out var binary, out var exponent, out var format))
        {
            error = SuffixError;
            return false;
        }

        quantity = FastPath(text, positive, num, denom, binary, exponent, format) ?? SlowPath(positive, num, denom, binary, exponent, format);
        return true;
    }

    /// <summary>Sign, integer digits (leading zeros removed, at least "0"), fraction digits and suffix; false when malformed.</summary>
    private static bool Split(string s, out bool positive, out string num, out string denom, out string suffix)
    {
        positive = true;
        num = "0";
        denom = string.Empty;
        suffix = string.Empty;
        var pos = 0;
        if (s[0] is '-' or '+')
        {
            positive = s[0] == '+';
            pos++;
        }

        while (pos < s.Length && s[pos] == '0')
        {
            pos++;
        }

        if (pos >= s.Length)
        {
            return true;
        }

        var start = pos;
        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        num = pos > start ? s[start..pos] : "0";
        if (pos < s.Length && s[pos] == '.')
        {
            var fractionStart = ++pos;
            while (pos < s.Length && char.IsAsciiDigit(s[pos]))
            {
                pos++;
            }

            denom = s[fractionStart..pos];
        }

        var suffixStart = pos;
        while (pos < s.Length && SuffixLetters.Contains(s[pos], StringComparison.Ordinal))
        {
            pos++;
        }

        if (pos < s.Length && s[pos] is '-' or '+')
        {
            pos++;
        }

        while (pos < s.Length && char.IsAsciiDigit(s[pos]))
        {
            pos++;
        }

        suffix = s[suffixStart..];
        return pos >= s.Length;
    }

    private static bool Interpret(string suffix, out bool binary, out int exponent, out QuantityFormat format)
    {
        binary = false;
        format = QuantityFormat.DecimalSI;
        int? dec = suffix switch
        {
            "" => 0, "n" => -9, "u" => -6, "m" => -3, "k" => 3, "M" => 6, "G" => 9, "T" => 12, "P" => 15, "E" => 18,
            _ => null,
        };
        int? bin = suffix switch
        {
            "Ki" => 10, "Mi" => 20, "Gi" => 30, "Ti" => 40, "Pi" => 50, "Ei" => 60,
            _ => null,
        };
        if (dec is { } d)
        {
            exponent = d;
            return true;
        }

        if (bin is { } b)
        {
            binary = true;
            exponent = b;
            format = QuantityFormat.BinarySI;
            return true;
        }

        format = QuantityFormat.DecimalExponent;
        exponent = 0;
        return suffix.Length > 1 && suffix[0] is 'e' or 'E'
            && int.TryParse(suffix.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent);
    }

    /// <summary>Kubernetes' int64 fast path; it alone may keep the original text. Null when the value needs the slow path.</summary>
    private static Quantity? FastPath(string text, bool positive, string num, string denom, bool binary, int exponent, QuantityFormat format)
    {
        int precision;
        var scale = 0;
        var shift = 0;
        if (!binary)
        {
            scale = exponent;
            precision = MaxInt64Factors - (num.Length + denom.Length);
        }
        else if (exponent >= 0 && denom.Length == 0)
        {
            shift = exponent;
            precision = 15 - num.Length - (exponent * 3 / 10) - 1;
        }
        else
        {
            precision = -1;
        }

        scale -= denom.Length;
        if (precision < 0 || scale < NanoScale)
        {
            return null;
        }

        var shifted = num + denom;
        var value = long.Parse(shifted, NumberStyles.None, CultureInfo.InvariantCulture);
        var product = (BigInteger)value << shift;
        if (product > long.MaxValue)
        {
            return null;
        }

        var result = (long)(positive ? product : -product);
        var canonical = binary
            ? exponent % 10 == 0 && (value & 0x07) != 0
            : scale % 3 == 0 && !shifted.EndsWith("000", StringComparison.Ordinal) && shifted[0] != '0';
        return new Quantity(result * BigInteger.Pow(10, scale - NanoScale), format, canonical ? text : null, (result, scale));
    }

    private static Quantity SlowPath(bool positive, string num, string denom, bool binary, int exponent, QuantityFormat format)
    {
        var digits = BigInteger.Parse(num + denom, NumberStyles.None, CultureInfo.InvariantCulture);
        var decimalExponent = (binary ? 0 : exponent) - denom.Length - NanoScale;
        var numerator = digits * (binary ? BigInteger.Pow(2, exponent) : BigInteger.One);
        BigInteger nanos;
        if (decimalExponent >= 0)
        {
            nanos = numerator * BigInteger.Pow(10, decimalExponent);
        }
        else
        {
            // Anything below one nano-unit rounds up, so that asking for a little always gets something.
            nanos = BigInteger.DivRem(numerator, BigInteger.Pow(10, -decimalExponent), out var remainder);
            if (!remainder.IsZero)
            {
                nanos++;
            }
        }

        if (format == QuantityFormat.BinarySI && nanos > MaxBinaryNanos)
        {
            nanos = MaxBinaryNanos;
        }

        if (format == QuantityFormat.BinarySI && nanos < NanosPerUnit && !nanos.IsZero)
        {
            format = QuantityFormat.DecimalSI;
        }

        return new Quantity(positive ? nanos : -nanos, format);
    }
}
