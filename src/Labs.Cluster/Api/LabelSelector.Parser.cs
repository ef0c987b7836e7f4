using System.Globalization;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Api;

/// <summary>apimachinery's label selector lexer and recursive-descent parser (labels/selector.go), message for message.</summary>
public sealed partial class LabelSelector
{
    private enum Token
    {
        EndOfString,
        ClosedPar,
        Comma,
        DoesNotExist,
        DoubleEquals,
        Equals,
        GreaterThan,
        Identifier,
        In,
        LessThan,
        NotEquals,
        NotIn,
        OpenPar,
    }

    private sealed class Parser
    {
        private static readonly Dictionary<string, Token> Symbols = new(StringComparer.Ordinal)
        {
            [")"] = Token.ClosedPar, [","] = Token.Comma, ["!"] = Token.DoesNotExist, ["=="] = Token.DoubleEquals,
            ["="] = Token.Equals, [">"] = Token.GreaterThan, ["in"] = Token.In, ["<"] = Token.LessThan,
            ["!="] = Token.NotEquals, ["notin"] = Token.NotIn, ["("] = Token.OpenPar,
        };

        private readonly List<(Token Token, string Literal)> _items = [];
        private int _position;

        public Parser(string text) => Scan(text);

        public List<Requirement> ParseAll()
        {
            var requirements = new List<Requirement>();
            while (true)
            {
                var (token, literal) = Peek(values: true);
                switch (token)
                {
                    case Token.Identifier or Token.DoesNotExist:
                        requirements.Add(ParseRequirement());
                        var (next, nextLiteral) = Next(values: true);
                        if (next == Token.EndOfString)
                        {
                            return requirements;
                        }

                        if (next != Token.Comma)
                        {
                            throw Bad($"found '{nextLiteral}', expected: ',' or 'end of string'");
                        }

                        if (Peek(values: true) is var (after, afterLiteral) && after is not (Token.Identifier or Token.DoesNotExist))
                        {
                            throw Bad($"found '{afterLiteral}', expected: identifier after ','");
                        }

                        break;
                    case Token.EndOfString:
                        return requirements;
                    default:
                        throw Bad($"found '{literal}', expected: !, identifier, or 'end of string'");
                }
            }
        }

        private Requirement ParseRequirement()
        {
            var op = string.Empty;
            var (token, key) = Next(values: true);
            if (token == Token.DoesNotExist)
            {
                op = "!";
                (token, key) = Next(values: true);
            }

            if (token != Token.Identifier)
            {
                throw Requirement($"found '{key}', expected: identifier");
            }

            if (LabelRules.KeyProblems(key) is { Count: > 0 } keyProblems)
            {
                throw Requirement($"<nil>: Invalid value: {GoText.Quote(key)}: {string.Join("; ", keyProblems)}");
            }

            if (Peek(values: true).Token is Token.EndOfString or Token.Comma)
            {
                return new Requirement(key, op.Length == 0 ? "exists" : op, []);
            }

            if (op.Length > 0)
            {
                return new Requirement(key, op, []);
            }

            var (opToken, opLiteral) = Next(values: false);
            op = opToken switch
            {
                Token.In => "in",
                Token.NotIn => "notin",
                Token.Equals => "=",
                Token.DoubleEquals => "==",
                Token.NotEquals => "!=",
                Token.GreaterThan => "gt",
                Token.LessThan => "lt",
                _ => throw Requirement($"found '{opLiteral}', expected: in, notin, =, ==, !=, gt, lt"),
            };
            var values = op is "in" or "notin" ? ParseValues() : ParseExactValue();
            var sorted = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            Validate(key, op, sorted);
            return new Requirement(key, op, sorted);
        }

        private List<string> ParseValues()
        {
            var (token, literal) = Next(values: true);
            if (token != Token.OpenPar)
            {
                throw Requirement($"found '{literal}' expected: '('");
            }

            (token, literal) = Peek(values: true);
            switch (token)
            {
                case Token.Identifier or Token.Comma:
                    var list = ParseIdentifiers();
                    if (Next(values: true).Token != Token.ClosedPar)
                    {
                        throw Requirement($"found '{literal}', expected: ')'");
                    }

                    return list;
                case Token.ClosedPar:
                    Next(values: true);
                    return [string.Empty];
                default:
                    throw Requirement($"found '{literal}', expected: ',', ')' or identifier");
            }
        }

        private List<string> ParseIdentifiers()
        {
            var list = new List<string>();
            while (true)
            {
                var (token, literal) = Next(values: true);
                switch (token)
                {
                    case Token.Identifier:
                        list.Add(literal);
                        var (after, afterLiteral) = Peek(values: true);
                        if (after == Token.ClosedPar)
                        {
                            return list;
                        }

                        if (after != Token.Comma)
                        {
                            throw Requirement($"found '{afterLiteral}', expected: ',' or ')'");
                        }

                        break;
                    case Token.Comma:
                        if (list.Count == 0)
                        {
                            list.Add(string.Empty);
                        }

                        var following = Peek(values: true).Token;
                        if (following is Token.ClosedPar or Token.Comma)
                        {
                            list.Add(string.Empty);
                        }

                        if (following == Token.ClosedPar)
                        {
                            return list;
                        }

                        break;
                    default:
                        throw Requirement($"found '{literal}', expected: ',', or identifier");
                }
            }
        }

        private List<string> ParseExactValue()
        {
            if (Peek(values: true).Token is Token.EndOfString or Token.Comma)
            {
                return [string.Empty];
            }

            var (token, literal) = Next(values: true);
            return token == Token.Identifier ? [literal] : throw Requirement($"found '{literal}', expected: identifier");
        }

        // apimachinery's NewRequirement checks of the values, aggregated as field errors.
        private static void Validate(string key, string op, string[] values)
        {
            var errors = new List<string>();
            for (var i = 0; i < values.Length; i++)
            {
                var index = i.ToString(CultureInfo.InvariantCulture);
                if (op is "gt" or "lt" && !long.TryParse(values[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    errors.Add($"values[{index}]: Invalid value: {GoText.Quote(values[i])}: for 'Gt', 'Lt' operators, the value must be an integer");
                }
            }

            for (var i = 0; i < values.Length; i++)
            {
                if (LabelRules.ValueProblems(values[i]) is { Count: > 0 } problems)
                {
                    errors.Add($"values[{i.ToString(CultureInfo.InvariantCulture)}][{key}]: Invalid value: {GoText.Quote(values[i])}: {string.Join("; ", problems)}");
                }
            }

            var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
            if (distinct.Count > 0)
            {
                throw Requirement(distinct.Count == 1 ? distinct[0] : $"[{string.Join(", ", distinct)}]");
            }
        }

        // Reading past the end keeps answering end-of-string.
        private (Token Token, string Literal) Peek(bool values) => InContext(_items[Math.Min(_position, _items.Count - 1)], values);

        private (Token Token, string Literal) Next(bool values)
        {
            var item = Peek(values);
            _position = Math.Min(_position + 1, _items.Count);
            return item;
        }

        // In value position "in" and "notin" are ordinary identifiers (a label may be called "in").
        private static (Token, string) InContext((Token Token, string Literal) item, bool values) =>
            values && item.Token is Token.In or Token.NotIn ? (Token.Identifier, item.Literal) : item;

        private void Scan(string text)
        {
            var pos = 0;
            while (true)
            {
                while (pos < text.Length && text[pos] is ' ' or '\t' or '\r' or '\n')
                {
                    pos++;
                }

                if (pos >= text.Length)
                {
                    _items.Add((Token.EndOfString, string.Empty));
                    return;
                }

                var start = pos;
                if (IsSymbol(text[pos]))
                {
                    // The longest run of symbol characters that is still a token: "!=" but "=" then "(" for "=(".
                    var token = Symbols[text[pos].ToString()];
                    pos++;
                    if (pos < text.Length && Symbols.TryGetValue(text.Substring(start, 2), out var longer))
                    {
                        token = longer;
                        pos++;
                    }

                    _items.Add((token, text[start..pos]));
                    continue;
                }

                while (pos < text.Length && !IsSymbol(text[pos]) && text[pos] is not (' ' or '\t' or '\r' or '\n'))
                {
                    pos++;
                }

                var word = text[start..pos];
                _items.Add((Symbols.TryGetValue(word, out var keyword) ? keyword : Token.Identifier, word));
            }
        }

        private static bool IsSymbol(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';

        private static ApiException Requirement(string problem) => Bad($"unable to parse requirement: {problem}");

        private static ApiException Bad(string message) => ApiErrors.BadRequest(message);
    }
}
