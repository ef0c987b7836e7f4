using System.Globalization;
using System.Numerics;

namespace Labs.Cluster.Admission;

/// <summary>The canonical text, as apimachinery's <c>CanonicalizeBytes</c> writes it.</summary>
internal readonly partial struct Quantity
{
    private static readonly BigInteger Kibi = 1024;

    private string Canonical()
    {
        if (_nanos.IsZero)
        {
            return "0";
        }

        var sign = _nanos.Sign < 0 ? "-" : string.Empty;
        var magnitude = BigInteger.Abs(_nanos);

        // Binary SI only when it is exact and at least 1Ki; anything else reads better (and loses nothing) in decimal.
        if (Format == QuantityFormat.BinarySI && magnitude >= Kibi * NanosPerUnit && IsInteger)
        {
            var units = magnitude / NanosPerUnit;
            var power = 0;
            while (units >= Kibi && (units % Kibi).IsZero)
            {
                units /= Kibi;
                power++;
            }

            return sign + units.ToString(CultureInfo.InvariantCulture) + BinarySuffixes[power];
        }

        var mantissa = magnitude;
        var exponent = -9;
        while (mantissa >= 10 && (mantissa % 10).IsZero)
        {
            mantissa /= 10;
            exponent++;
        }

        while (exponent % 3 != 0)
        {
            mantissa *= 10;
            exponent--;
        }

        return sign + mantissa.ToString(CultureInfo.InvariantCulture) + DecimalSuffix(exponent);
    }

    private static readonly string[] BinarySuffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private string DecimalSuffix(int exponent)
    {
        if (Format != QuantityFormat.DecimalExponent)
        {
            var si = exponent switch
            {
                -9 => "n", -6 => "u", -3 => "m", 0 => "", 3 => "k", 6 => "M", 9 => "G", 12 => "T", 15 => "P", 18 => "E",
                _ => null,
            };

            // Beyond exa there is no SI suffix; Kubernetes would drop the exponent there, e-notation keeps the value right.
            if (si is not null)
            {
                return si;
            }
        }

        return exponent == 0 ? string.Empty : "e" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
