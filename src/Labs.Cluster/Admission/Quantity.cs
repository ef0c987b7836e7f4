using System.Globalization;
using System.Numerics;

namespace Labs.Cluster.Admission;

/// <summary>
/// A Kubernetes <c>resource.Quantity</c> (<c>100m</c>, <c>1.5Gi</c>, <c>2k</c>, <c>1e3</c>): an exact decimal held in
/// nano-units (parsing rounds anything smaller up to <c>1n</c>, as Kubernetes does), the format its suffix implies, and
/// the text it was written with when that text is already canonical (Kubernetes echoes such text unchanged).
/// </summary>
internal readonly partial struct Quantity : IEquatable<Quantity>, IComparable<Quantity>
{
    /// <summary>The largest value whose milli-value fits an int64 (Kubernetes' <c>resource.MaxMilliValue</c>).</summary>
    public static readonly BigInteger MaxMilliValue = long.MaxValue / 1000;

    private static readonly BigInteger NanosPerUnit = 1_000_000_000;

    private readonly BigInteger _nanos;
    private readonly string? _text;
    private readonly (long Value, int Scale)? _int64Amount;

    private Quantity(BigInteger nanos, QuantityFormat format, string? text = null, (long Value, int Scale)? int64Amount = null)
    {
        _nanos = nanos;
        Format = format;
        _text = text;
        _int64Amount = int64Amount;
    }

    /// <summary>How the quantity prints.</summary>
    public QuantityFormat Format { get; }

    /// <summary>Whether the value is zero.</summary>
    public bool IsZero => _nanos.IsZero;

    /// <summary>-1, 0 or 1.</summary>
    public int Sign => _nanos.Sign;

    /// <summary>A whole number in decimal SI format.</summary>
    public static Quantity FromInteger(long value) => new(value * NanosPerUnit, QuantityFormat.DecimalSI);

    /// <summary>The value in thousandths, rounded away from zero (Kubernetes' <c>MilliValue()</c>).</summary>
    public BigInteger MilliValue => ScaledAwayFromZero(1_000_000);

    /// <summary>The value in units, rounded away from zero (Kubernetes' <c>Value()</c>).</summary>
    public BigInteger Value => ScaledAwayFromZero(NanosPerUnit);

    /// <summary>Whether the value is a whole number.</summary>
    public bool IsInteger => (_nanos % NanosPerUnit).IsZero;

    public static bool operator ==(Quantity left, Quantity right) => left.Equals(right);

    public static bool operator !=(Quantity left, Quantity right) => !left.Equals(right);

    public static bool operator <(Quantity left, Quantity right) => left.CompareTo(right) < 0;

    public static bool operator >(Quantity left, Quantity right) => left.CompareTo(right) > 0;

    public static bool operator <=(Quantity left, Quantity right) => left.CompareTo(right) <= 0;

    public static bool operator >=(Quantity left, Quantity right) => left.CompareTo(right) >= 0;

    /// <summary>The value rounded up (away from zero) to a whole number, as Kubernetes' <c>RoundUp(0)</c>.</summary>
    public Quantity RoundedUp() => IsInteger ? this : new Quantity(Value * NanosPerUnit, Format);

    /// <summary>The sum; a zero left side takes the right side's format, as Kubernetes' <c>Add</c>.</summary>
    public Quantity Add(Quantity other) => new(_nanos + other._nanos, IsZero ? other.Format : Format);

    /// <summary>The difference; a zero left side takes the right side's format, as Kubernetes' <c>Sub</c>.</summary>
    public Quantity Subtract(Quantity other) => new(_nanos - other._nanos, IsZero ? other.Format : Format);

    /// <inheritdoc />
    public int CompareTo(Quantity other) => _nanos.CompareTo(other._nanos);

    /// <summary>Equal values (the format does not matter, as Kubernetes' <c>Cmp</c>).</summary>
    public bool Equals(Quantity other) => _nanos == other._nanos;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Quantity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _nanos.GetHashCode();

    /// <summary>The text Kubernetes serializes: the original text when it was canonical, else the canonical form.</summary>
    public override string ToString() => _text ?? Canonical();

    /// <summary>
    /// The quantity as Go's <c>%#v</c> prints a <c>resource.Quantity</c> value, which is how Kubernetes shows a quantity
    /// in some validation messages. Values that Kubernetes would hold as an arbitrary-precision decimal (more than 18
    /// digits, binary fractions) print a heap address there; those print as their quoted text here.
    /// </summary>
    public string GoSyntax()
    {
        if (_int64Amount is not { } amount)
        {
            return $"\"{this}\"";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"resource.Quantity{{i:resource.int64Amount{{value:{amount.Value}, scale:{amount.Scale}}}, d:resource.infDecAmount{{Dec:(*inf.Dec)(nil)}}, s:\"{_text}\", Format:\"{Format}\"}}");
    }

    private BigInteger ScaledAwayFromZero(BigInteger divisor)
    {
        var quotient = BigInteger.DivRem(_nanos, divisor, out var remainder);
        return remainder.IsZero ? quotient : quotient + _nanos.Sign;
    }
}
