using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Labs.Content.Yaml;

/// <summary>
/// Reads a YAML text's events once before it is loaded, so that hostile input fails with a position instead of
/// exhausting memory or the stack: aliases (billion laughs) are refused, nesting is limited, and so is the node count.
/// The event parser keeps its own stack, so deep nesting cannot overflow the thread's.
/// </summary>
internal static class YamlGuard
{
    public const int MaxDepth = 64;
    public const int MaxNodes = 200_000;

    /// <exception cref="LabFormatException">The text uses an alias, nests too deep or is too big.</exception>
    /// <exception cref="YamlException">The text is not valid YAML (the caller reports it with its position).</exception>
    public static void Check(YamlBlock block, string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var nodes = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    throw block.Error(alias.Start, $"aliases (*{alias.Value}) are not supported in labs; write the value out");
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    throw block.Error(anchored.Start, $"anchors (&{anchored.Anchor}) are not supported in labs; write the value out where it is used");
                case MappingStart or SequenceStart:
                    depth++;
                    if (depth > MaxDepth)
                        throw block.Error(parser.Current.Start, $"the YAML nests deeper than {MaxDepth} levels");
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
            if (parser.Current is NodeEvent && ++nodes > MaxNodes)
                throw block.Error(parser.Current.Start, $"the YAML has more than {MaxNodes} values");
        }
    }
}
