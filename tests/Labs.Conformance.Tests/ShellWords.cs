using System.Text;

namespace Labs.Conformance.Tests;

/// <summary>Splits a command line into arguments as a shell does for plain words and single or double quotes.</summary>
public static class ShellWords
{
    /// <summary>The arguments of <paramref name="line"/>; an unclosed quote is an error naming the line.</summary>
    public static List<string> Split(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (quote is not null)
        {
            throw new FormatException($"unclosed {quote} quote in: {line}");
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
