using System.Text;

namespace Labs.Content;

/// <summary>Reads lab text files with limits, so a binary or huge file is a clear error rather than a hang.</summary>
internal static class LabFiles
{
    /// <summary>The largest lab.md or manifest read.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="LabFormatException">The file is too big, binary or not UTF-8.</exception>
    public static string ReadText(string path, string displayPath)
    {
        var info = new FileInfo(path);
        if (info.Length > MaxBytes)
            throw new LabFormatException(displayPath, 0, 0, $"the file is {info.Length / 1024} KiB; lab files may be at most {MaxBytes / 1024} KiB");
        var bytes = File.ReadAllBytes(path);
        return Decode(bytes, displayPath);
    }

    /// <exception cref="LabFormatException">The bytes are binary or not UTF-8.</exception>
    public static string Decode(byte[] bytes, string displayPath)
    {
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0)
        {
            var line = 1 + bytes.AsSpan(0, nul).Count((byte)'\n');
            throw new LabFormatException(displayPath, line, 1, "the file holds binary data (a NUL byte); lab files are UTF-8 text");
        }
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + bytes.AsSpan(0, Math.Clamp(ex.Index, 0, bytes.Length)).Count((byte)'\n');
            throw new LabFormatException(displayPath, line, 1, "the file is not UTF-8 text");
        }
    }
}
