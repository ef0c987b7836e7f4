using System.Globalization;
using System.Text;

namespace Labs.Cluster.Schema;

/// <summary>
/// Checks text the way Go's <c>base64.StdEncoding.Decode</c> reads a JSON <c>[]byte</c> field (Secret <c>data</c>,
/// ConfigMap <c>binaryData</c>): padded standard alphabet, CR and LF ignored, and the same byte offset in the error.
/// <c>RawURLEncoding</c> (continue tokens) is the URL alphabet without padding.
/// </summary>
internal static class GoBase64
{
    /// <summary>The Go error for invalid base64 text (<c>illegal base64 data at input byte 4</c>), or null when it decodes.</summary>
    /// <param name="text">The text.</param>
    /// <param name="urlNoPadding">Go's <c>RawURLEncoding</c> instead of <c>StdEncoding</c>.</param>
    public static string? Problem(string text, bool urlNoPadding = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var src = Encoding.UTF8.GetBytes(text);
        var si = 0;
        while (si < src.Length)
        {
            var (next, offset) = Quantum(src, si, urlNoPadding);
            if (offset >= 0)
            {
                return $"illegal base64 data at input byte {offset.ToString(CultureInfo.InvariantCulture)}";
            }

            if (next == si)
            {
                break;
            }

            si = next;
        }

        return null;
    }

    // One 4-character quantum as encoding/base64's decodeQuantum reads it: the next position, or the error offset.
    private static (int Next, int ErrorAt) Quantum(byte[] src, int si, bool urlNoPadding)
    {
        for (var j = 0; j < 4; j++)
        {
            if (si == src.Length)
            {
                // With padding a partial quantum at the very end is an error where it began; without, only one char is.
                return j == 0 || (urlNoPadding && j > 1) ? (si, -1) : (si, si - j);
            }

            var c = src[si++];
            if (IsAlphabet(c, urlNoPadding))
            {
                continue;
            }

            if (c is (byte)'\n' or (byte)'\r')
            {
                j--;
                continue;
            }

            if (c != (byte)'=' || urlNoPadding)
            {
                return (si, si - 1);
            }

            switch (j)
            {
                case 0:
                case 1:
                    return (si, si - 1);
                case 2:
                    while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r')
                    {
                        si++;
                    }

                    if (si == src.Length)
                    {
                        return (si, src.Length);
                    }

                    if (src[si] != (byte)'=')
                    {
                        return (si, si - 1);
                    }

                    si++;
                    break;
            }

            while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r')
            {
                si++;
            }

            return si < src.Length ? (si, si) : (si, -1);
        }

        return (si, -1);
    }

    private static bool IsAlphabet(byte c, bool url) => c is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'
        or >= (byte)'0' and <= (byte)'9' || (url ? c is (byte)'-' or (byte)'_' : c is (byte)'+' or (byte)'/');
}
