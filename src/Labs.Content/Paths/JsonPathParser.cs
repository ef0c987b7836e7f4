using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Labs.Content.Paths;

/// <summary>Recursive-descent parser of kubectl-style JSONPath; every error names the character it stopped at.</summary>
internal sealed class JsonPathParser
{
    private const int MaxLength = 1000;
    private readonly string _text;
    private readonly int _end;
    private int _at;

    public JsonPathParser(string text)
    {
        _text = text;
        _end = text.Length;
    }

    public JsonPathExpression ParseTemplate()
    {
        if (_text.Length > MaxLength)
            throw Error($"the expression is longer than {MaxLength} characters");
        SkipSpaces();
        var braced = Peek('{');
        if (braced)
            _at++;
        SkipSpaces();
        if (Peek('$'))
            _at++;
        var segments = ParseSegments(stopAt: braced ? '}' : '\0', inFilter: false);
        SkipSpaces();
        if (braced)
        {
            if (!Peek('}'))
                throw Error("expected the closing '}'");
            _at++;
            SkipSpaces();
        }
        if (_at < _end)
            throw Error($"unexpected '{_text[_at]}'");
        if (segments.Count == 0)
            throw Error("the expression selects nothing; start it with a field, e.g. .spec.replicas");
        return new JsonPathExpression(_text, segments);
    }

    private List<JsonPathSegment> ParseSegments(char stopAt, bool inFilter)
    {
        var segments = new List<JsonPathSegment>();
        while (_at < _end && _text[_at] != stopAt && !char.IsWhiteSpace(_text[_at]) && !(inFilter && IsOperatorStart(_text[_at])) && !(inFilter && _text[_at] == ')'))
        {
            if (_text[_at] == '.')
            {
                _at++;
                if (Peek('.'))
                {
                    _at++;
                    segments.Add(new JsonPathSegment.Recursive(Identifier()));
                }
                else if (Peek('*'))
                {
                    _at++;
                    segments.Add(new JsonPathSegment.Wildcard());
                }
                else if (Peek('['))
                {
                    // kubectl accepts '.[0]'; the dot is redundant.
                    continue;
                }
                else
                {
                    segments.Add(new JsonPathSegment.Field(Identifier()));
                }
            }
            else if (_text[_at] == '[')
            {
                segments.Add(Bracket());
            }
            else if (segments.Count == 0 && !inFilter && IsIdentifierChar(_text[_at]))
            {
                // 'spec.replicas' without the leading dot, as people often write it.
                segments.Add(new JsonPathSegment.Field(Identifier()));
            }
            else
            {
                throw Error($"unexpected '{_text[_at]}'; expected '.field' or '[...]'");
            }
        }
        return segments;
    }

    private JsonPathSegment Bracket()
    {
        _at++;
        SkipSpaces();
        if (_at >= _end)
            throw Error("the '[' is never closed");
        JsonPathSegment segment;
        if (Peek('*'))
        {
            _at++;
            segment = new JsonPathSegment.Wildcard();
        }
        else if (Peek('\'') || Peek('"'))
        {
            segment = new JsonPathSegment.Field(Quoted());
        }
        else if (Peek('?'))
        {
            segment = Filter();
        }
        else
        {
            var start = Number();
            if (Peek(':'))
            {
                _at++;
                SkipSpaces();
                segment = new JsonPathSegment.Slice(start, Peek(']') ? null : Number());
            }
            else
            {
                segment = new JsonPathSegment.Index(start ?? throw Error("expected an index, '*', a quoted name or a filter '?(...)'"));
            }
        }
        SkipSpaces();
        if (!Peek(']'))
            throw Error("expected ']'");
        _at++;
        return segment;
    }

    private JsonPathSegment.Filter Filter()
    {
        _at++;
        if (!Peek('('))
            throw Error("a filter is written [?(@.field == value)]");
        _at++;
        SkipSpaces();
        if (!Peek('@'))
            throw Error("a filter starts with '@', the current item, e.g. [?(@.name == \"web\")]");
        var start = _at;
        _at++;
        var left = ParseSegments(stopAt: ')', inFilter: true);
        var leftExpression = new JsonPathExpression(_text[start.._at], left);
        SkipSpaces();
        string? op = null;
        JsonNode? right = null;
        if (_at < _end && IsOperatorStart(_text[_at]))
        {
            op = Operator();
            SkipSpaces();
            right = Literal();
            SkipSpaces();
        }
        if (!Peek(')'))
            throw Error("expected ')' to close the filter");
        _at++;
        return new JsonPathSegment.Filter(leftExpression, op, right);
    }

    private string Operator()
    {
        foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
        {
            if (string.CompareOrdinal(_text, _at, op, 0, op.Length) == 0)
            {
                _at += op.Length;
                return op;
            }
        }
        throw Error("expected one of ==, !=, <, <=, >, >=");
    }

    private JsonValue? Literal()
    {
        if (Peek('\'') || Peek('"'))
            return JsonValue.Create(Quoted());
        var start = _at;
        while (_at < _end && (char.IsLetterOrDigit(_text[_at]) || _text[_at] is '.' or '-' or '+'))
            _at++;
        var word = _text[start.._at];
        if (word is "true" or "false")
            return JsonValue.Create(word == "true");
        if (word == "null")
            return null;
        if (decimal.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        _at = start;
        throw Error("expected a value: a quoted string, a number, true, false or null");
    }

    private string Quoted()
    {
        var quote = _text[_at];
        var start = _at;
        _at++;
        var value = new StringBuilder();
        while (_at < _end && _text[_at] != quote)
        {
            if (_text[_at] == '\\' && _at + 1 < _end)
                _at++;
            value.Append(_text[_at]);
            _at++;
        }
        if (_at >= _end)
        {
            _at = start;
            throw Error($"the quote {quote} is never closed");
        }
        _at++;
        return value.ToString();
    }

    private int? Number()
    {
        var start = _at;
        if (Peek('-'))
            _at++;
        while (_at < _end && char.IsAsciiDigit(_text[_at]))
            _at++;
        if (_at == start || (_at == start + 1 && _text[start] == '-'))
        {
            _at = start;
            return null;
        }
        return int.TryParse(_text.AsSpan(start, _at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error("the index is too large");
    }

    private string Identifier()
    {
        var start = _at;
        while (_at < _end && IsIdentifierChar(_text[_at]))
            _at++;
        if (_at == start)
            throw Error(_at < _end ? $"expected a field name, found '{_text[_at]}'" : "expected a field name at the end");
        return _text[start.._at];
    }

    private static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static bool IsOperatorStart(char c) => c is '=' or '!' or '<' or '>';

    private bool Peek(char c) => _at < _end && _text[_at] == c;

    private void SkipSpaces()
    {
        while (_at < _end && char.IsWhiteSpace(_text[_at]))
            _at++;
    }

    private JsonPathException Error(string reason) => new(_text, Math.Min(_at, _end) + 1, reason);
}
