using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Labs.Cluster.Api;

/// <summary>
/// A parsed field selector: comma-joined <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>, where values
/// may escape <c>\,</c> <c>\=</c> <c>\\</c>, parsed with apimachinery's rules and messages (fields/selector.go).
/// Which fields a kind supports is its registry entry's business (<see cref="ForKind"/>).
/// </summary>
public sealed class FieldSelector
{
    private readonly List<(string Field, bool Equal, string Value)> _requirements;
    private readonly Registry.SelectableFields _fields;

    private FieldSelector(List<(string Field, bool Equal, string Value)> requirements, Registry.SelectableFields? fields = null)
    {
        _requirements = requirements;
        _fields = fields ?? Registry.SelectableFields.MetadataOnly;
    }

    /// <summary>The selector that matches everything.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The value required for <c>metadata.name</c> by an equality requirement, or null.</summary>
    public string? RequiredName => _requirements.FirstOrDefault(r => r.Field == "metadata.name" && r.Equal).Value;

    /// <summary>Parses a selector; throws a 400 <see cref="ApiException"/> with the real API server's message.</summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        var requirements = new List<(string, bool, string)>();
        foreach (var term in SplitTerms(text))
        {
            if (term.Length == 0)
            {
                continue;
            }

            var (field, op, value) = SplitTerm(term)
                ?? throw ApiErrors.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            requirements.Add((field, op != "!=", Unescape(value)));
        }

        return new FieldSelector(requirements);
    }

    /// <summary>
    /// This selector for one kind: every field must be one the kind supports (else 400, e.g.
    /// <c>field label not supported: spec.bogus</c>), and aliases are resolved (<c>spec.host</c> is <c>spec.nodeName</c>).
    /// </summary>
    internal FieldSelector ForKind(Registry.SelectableFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new FieldSelector(_requirements.Select(r => (fields.Resolve(r.Field), r.Equal, r.Value)).ToList(), fields);
    }

    /// <summary>Whether the object's fields satisfy every requirement (a missing field reads as its Go zero value).</summary>
    public bool Matches(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        foreach (var (field, equal, value) in _requirements)
        {
            if ((_fields.ValueOf(obj, field) == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    // Commas split terms unless escaped; the backslash stays for Unescape.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var start = 0;
        var escaped = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (escaped)
            {
                escaped = false;
            }
            else if (text[i] == '\\')
            {
                escaped = true;
            }
            else if (text[i] == ',')
            {
                terms.Add(text[start..i]);
                start = i + 1;
            }
        }

        terms.Add(text[start..]);
        return terms;
    }

    // The first operator from the left wins; "!=" and "==" are tried before "=" at each position.
    private static (string Field, string Op, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var op in (string[])["!=", "==", "="])
            {
                if (string.CompareOrdinal(term, i, op, 0, op.Length) == 0)
                {
                    return (term[..i], op, term[(i + op.Length)..]);
                }
            }
        }

        return null;
    }

    private static string Unescape(string value)
    {
        if (value.AsSpan().IndexOfAny('\\', ',', '=') < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        var escaped = false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (escaped)
            {
                if (rune.Value is not ('\\' or ',' or '='))
                {
                    throw ApiErrors.BadRequest($"invalid field selector: invalid escape sequence: \\{rune}");
                }

                text.Append(rune.ToString());
                escaped = false;
            }
            else if (rune.Value == '\\')
            {
                escaped = true;
            }
            else if (rune.Value is ',' or '=')
            {
                // Go prints the rune with %v: its number.
                throw ApiErrors.BadRequest($"invalid field selector: unescaped character in value: {rune.Value.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                text.Append(rune.ToString());
            }
        }

        return escaped ? throw ApiErrors.BadRequest("invalid field selector: invalid escape sequence: \\") : text.ToString();
    }
}
