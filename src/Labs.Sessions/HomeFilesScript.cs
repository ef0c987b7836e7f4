using System.Text;

namespace Labs.Sessions;

/// <summary>
/// The bash script that writes a lab's files into the learner's home, run in the toolbox like the setup script (so it
/// works the same in the embedded cluster and in a real one, as the learner, with nothing but bash, mkdir and base64).
/// </summary>
public static class HomeFilesScript
{
    /// <summary>The script for <paramref name="files"/>.</summary>
    /// <exception cref="ArgumentException">A path is absolute, empty or climbs out of the home.</exception>
    public static string For(IReadOnlyList<HomeFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var script = new StringBuilder("set -e\ncd \"$HOME\"\n");
        foreach (var file in files)
        {
            var segments = file.Path.Split('/');
            if (file.Path.Length == 0 || file.Path.StartsWith('/') || segments.Any(s => s is "" or "." or ".."))
                throw new ArgumentException($"'{file.Path}' is not a path inside the home", nameof(files));
            var path = Quote(file.Path);
            if (segments.Length > 1)
                script.Append("mkdir -p -- ").Append(Quote(string.Join('/', segments[..^1]))).Append('\n');
            script.Append("base64 -d > ").Append(path).Append(" <<'LABS_FILE_END'\n");
            var encoded = Convert.ToBase64String(file.Content.Span);
            for (var i = 0; i < encoded.Length; i += 76)
                script.Append(encoded.AsSpan(i, Math.Min(76, encoded.Length - i))).Append('\n');
            script.Append("LABS_FILE_END\n");
            if (file.Executable)
                script.Append("chmod +x -- ").Append(path).Append('\n');
        }

        return script.ToString();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
