using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Labs.Content.Yaml;

/// <summary>
/// A YAML fragment embedded in lab.md (the front matter or a task block). Knows where it starts so every
/// error points at the line and column in the Markdown file, not in the fragment.
/// </summary>
internal sealed partial class YamlBlock
{
    private readonly int _lineOffset;
    private readonly int _columnOffset;

    /// <param name="path">Display path of lab.md.</param>
    /// <param name="firstLine">1-based line in lab.md of the fragment's first line.</param>
    /// <param name="columnOffset">Columns the fragment's text was shifted left by (fence indentation).</param>
    public YamlBlock(string path, int firstLine, int columnOffset)
    {
        Path = path;
        _lineOffset = firstLine - 1;
        _columnOffset = columnOffset;
        FirstLine = firstLine;
    }

    public string Path { get; }

    public int FirstLine { get; }

    /// <summary>Parses the text; null when it holds no document. YAML syntax errors become <see cref="LabFormatException"/>.</summary>
    public YamlNode? Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            YamlGuard.Check(this, text);
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException is YamlException inner && inner.Message.Length > 0 ? StripPosition(inner.Message) : StripPosition(ex.Message);
            throw Error(ex.Start, $"invalid YAML: {reason}");
        }
        catch (ArgumentException ex)
        {
            // YamlDotNet's document model rejects some valid-looking constructs (odd aliases, malformed tags) this way.
            var reason = ex.Message.Split(" (Parameter", 2)[0].TrimEnd('.');
            throw new LabFormatException(Path, FirstLine, 1 + _columnOffset, $"invalid YAML in this block: {reason}; anchors (&), aliases (*) and tags (!) are not supported in labs");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way when the text ends inside a flow collection or quote.
            var lastLine = text.TrimEnd('\n').Count(c => c == '\n') + 1;
            throw new LabFormatException(Path, FirstLine + lastLine - 1, 1 + _columnOffset, "invalid YAML: the text ends inside an unclosed [ ], { } or quote");
        }

        if (stream.Documents.Count == 0)
            return null;
        if (stream.Documents.Count > 1)
            throw Error(stream.Documents[1].RootNode.Start, "only one YAML document is allowed here; remove the extra '---'");
        return stream.Documents[0].RootNode;
    }

    /// <summary>An error at a YAML mark, translated to a position in lab.md.</summary>
    public LabFormatException Error(Mark mark, string reason) =>
        mark.Line <= 0
            ? new LabFormatException(Path, FirstLine, 1 + _columnOffset, reason)
            : new LabFormatException(Path, checked((int)mark.Line + _lineOffset), checked((int)mark.Column + _columnOffset), reason);

    /// <summary>An error at a node's start.</summary>
    public LabFormatException Error(YamlNode node, string reason) => Error(node.Start, reason);

    private static string StripPosition(string message)
    {
        var stripped = PositionPrefix().Replace(message, "");
        return stripped.Length == 0 ? message : stripped;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex PositionPrefix();
}
