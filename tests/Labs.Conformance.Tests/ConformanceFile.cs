using System.Globalization;

namespace Labs.Conformance.Tests;

/// <summary>Reads the case format described in <c>Cases/README.md</c>; a malformed file fails with its name and line.</summary>
public static class ConformanceFile
{
    /// <summary>The folder of the case files, copied next to the test assembly.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Cases");

    /// <summary>Every case of every file, in file and line order.</summary>
    public static IEnumerable<ConformanceCase> All() =>
        Directory.EnumerateFiles(Folder, "*.txt").Order(StringComparer.Ordinal).SelectMany(Read);

    /// <summary>The cases of one file.</summary>
    public static IReadOnlyList<ConformanceCase> Read(string path)
    {
        var name = Path.GetFileName(path);
        var lines = File.ReadAllLines(path);
        var cases = new List<ConformanceCase>();
        string? caseName = null;
        var caseLine = 0;
        var steps = new List<ConformanceStep>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.StartsWith("=== ", StringComparison.Ordinal))
            {
                Flush();
                caseName = line[4..].Trim();
                caseLine = i + 1;
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (caseName is null)
            {
                throw new FormatException($"{name}:{i + 1}: a case starts with '=== name' before any command");
            }

            var setup = line.StartsWith("+ ", StringComparison.Ordinal);
            if (!setup && !line.StartsWith("$ ", StringComparison.Ordinal))
            {
                throw new FormatException($"{name}:{i + 1}: expected a command ('$ kubectl ...' or '+ kubectl ...'), found: {line}");
            }

            var command = line[2..].Trim();
            var commandLine = i + 1;
            string? stdin = null;
            if (command.EndsWith("<<EOF", StringComparison.Ordinal))
            {
                command = command[..^"<<EOF".Length].Trim();
                var body = new List<string>();
                while (++i < lines.Length && lines[i] != "EOF")
                {
                    body.Add(lines[i]);
                }

                if (i == lines.Length)
                {
                    throw new FormatException($"{name}:{commandLine}: the input started here has no closing EOF line");
                }

                stdin = string.Join('\n', body) + "\n";
            }

            if (!command.StartsWith("kubectl ", StringComparison.Ordinal))
            {
                throw new FormatException($"{name}:{commandLine}: only kubectl commands are run, found: {command}");
            }

            var stdout = new List<string>();
            var stderr = new List<string>();
            var exit = 0;
            while (i + 1 < lines.Length && !IsBoundary(lines[i + 1]))
            {
                var expected = lines[++i];
                if (expected.StartsWith("[exit ", StringComparison.Ordinal) && expected.EndsWith(']'))
                {
                    exit = int.Parse(expected["[exit ".Length..^1], CultureInfo.InvariantCulture);
                }
                else if (expected.StartsWith("! ", StringComparison.Ordinal))
                {
                    stderr.Add(expected[2..]);
                }
                else
                {
                    stdout.Add(expected);
                }
            }

            steps.Add(new ConformanceStep(commandLine, command, setup, stdin, stdout, stderr, exit));
        }

        Flush();
        return cases;

        void Flush()
        {
            if (caseName is not null)
            {
                if (steps.Count == 0)
                {
                    throw new FormatException($"{name}:{caseLine}: the case '{caseName}' has no command");
                }

                cases.Add(new ConformanceCase(name, caseLine, caseName, [.. steps]));
            }

            steps.Clear();
        }
    }

    private static bool IsBoundary(string line) =>
        line.StartsWith("$ ", StringComparison.Ordinal) || line.StartsWith("+ ", StringComparison.Ordinal)
        || line.StartsWith("=== ", StringComparison.Ordinal) || line.StartsWith('#') || line.Length == 0;
}
