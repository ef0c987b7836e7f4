using System.CommandLine;
using Labs.Cli.Import;
using Labs.Content;
using Spectre.Console;

namespace Labs.Cli.Commands;

/// <summary><c>labs import killercoda &lt;dir&gt; [--id id] [--to labs]</c>: converts a Killercoda scenario into a lab.</summary>
internal static class ImportCommand
{
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var source = new Argument<string>("dir") { Description = "The Killercoda scenario folder (the one holding index.json)." };
        var id = new Option<string?>("--id") { Description = "The new lab's id (default: the scenario folder's name, in lowercase)." };
        var to = new Option<string?>("--to") { Description = "The folder holding the lab folders (default: ./labs)." };
        var killercoda = new Command("killercoda", "Convert a Killercoda scenario: step texts with {{exec}}/{{copy}}, verify scripts as grader command checks, background scripts as setup, {{exec}} commands as the solution.")
        {
            source, id, to,
        };
        killercoda.SetAction((parse, _) => Task.FromResult(Run(console, errors, parse.GetValue(source)!, parse.GetValue(id), LabsDirectory.Resolve(parse.GetValue(to)))));
        return new Command("import", "Convert a lab from another platform into a Labs lab.") { killercoda };
    }

    public static int Run(IAnsiConsole console, TextWriter errors, string source, string? id, string labsDirectory)
    {
        var directory = Path.GetFullPath(source);
        if (!Directory.Exists(directory))
        {
            errors.WriteLine($"error: the scenario folder '{directory}' does not exist");
            return ExitCodes.NotFound;
        }
        id ??= Slug(Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar)));
        if (!LabLoader.IsName(id))
        {
            errors.WriteLine($"error: lab id '{id}' must be lowercase letters, digits and dashes; give one with --id");
            return ExitCodes.Usage;
        }
        var lab = Path.Combine(labsDirectory, id);
        if (Directory.Exists(lab))
        {
            errors.WriteLine($"error: {lab} already exists; give another id with --id");
            return ExitCodes.Usage;
        }
        KillercodaScenario scenario;
        try
        {
            scenario = KillercodaScenario.Read(directory);
        }
        catch (FormatException ex)
        {
            errors.WriteLine($"error: {ex.Message}");
            return ExitCodes.LabsFailed;
        }
        foreach (var (path, text) in KillercodaConverter.Convert(scenario, id))
        {
            var full = Path.Combine(lab, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        console.MarkupLineInterpolated($"Imported [green]{scenario.Title}[/] into {lab}: {scenario.Steps.Count} step(s), {scenario.Steps.Count(s => s.Verify is not null)} verify script(s) as checks. Next: labs validate, labs test --lab {id}.");
        try
        {
            new LabLoader().Load(lab);
            return ExitCodes.Ok;
        }
        catch (LabFormatException ex)
        {
            foreach (var problem in ex.Problems)
                errors.WriteLine(problem.Message);
            errors.WriteLine("The scenario was converted, but the lab needs these fixes (labs validate lists them again).");
            return ExitCodes.LabsFailed;
        }
    }

    private static string Slug(string name) =>
        string.Concat(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-');
}
