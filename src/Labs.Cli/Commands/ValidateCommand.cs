using System.CommandLine;
using Labs.Content;
using Labs.Content.Charts;
using Spectre.Console;

namespace Labs.Cli.Commands;

/// <summary>
/// <c>labs validate [dir]</c>: loads every lab (front matter, steps, tasks, checks and their JSONPath, setup and
/// solution manifests) and prints every problem as <c>file:line:column: message</c>, all at once.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var directory = new Argument<string?>("dir") { Description = "The folder holding the lab folders (default: ./labs).", Arity = ArgumentArity.ZeroOrOne };
        var kinds = new Option<bool>("--kinds") { Description = "Also check that the cluster serves every kind the labs name (discovery), on a fresh embedded cluster unless --kubeconfig is given." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "With --kinds: ask the cluster of this kubeconfig." };
        var command = new Command("validate", "Check every lab's files and print every problem as file:line:column: message. Exits 1 when there are problems.") { directory, kinds, kubeconfig };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var errors = parse.InvocationConfiguration.Error;
            var labsDirectory = LabsDirectory.Resolve(parse.GetValue(directory));
            var code = Run(console, errors, labsDirectory);
            if (code != ExitCodes.Ok || !parse.GetValue(kinds))
                return code;
            return await CheckKindsAsync(console, errors, labsDirectory, parse.GetValue(kubeconfig), cancellationToken);
        });
        return command;
    }

    private static async Task<int> CheckKindsAsync(IAnsiConsole console, TextWriter errors, string labsDirectory, string? kubeconfig, CancellationToken cancellationToken)
    {
        var labs = LabCatalog.Load(labsDirectory).All;
        Testing.CliPlatform platform;
        try
        {
            platform = await Testing.CliPlatform.StartAsync(kubeconfig, null, null, Microsoft.Extensions.Logging.LogLevel.Warning, cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or Labs.Hosting.ClusterConnectionException or Labs.Cluster.ClusterSetupException)
        {
            await errors.WriteLineAsync($"error: the cluster could not be used: {ex.Message}");
            return ExitCodes.ClusterUnavailable;
        }
        await using (platform)
        {
            var problems = await KindReport.UnknownKindsAsync(platform, labs, cancellationToken);
            foreach (var problem in problems)
                await errors.WriteLineAsync(problem);
            if (problems.Count == 0)
                console.MarkupLineInterpolated($"[green]Every kind is served[/] by {platform.Cluster.Description}");
            return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.LabsFailed;
        }
    }

    /// <summary>Validates <paramref name="labsDirectory"/>; returns <see cref="ExitCodes.Ok"/> or <see cref="ExitCodes.LabsFailed"/>.</summary>
    public static int Run(IAnsiConsole console, TextWriter errors, string labsDirectory)
    {
        if (!LabsDirectory.Exists(labsDirectory, errors))
            return ExitCodes.NotFound;
        var (labs, problems) = Load(labsDirectory);
        foreach (var problem in problems)
            errors.WriteLine(problem);
        var broken = problems.Select(p => p.Split(':', 2)[0]).Distinct(StringComparer.Ordinal).Count();
        if (problems.Count == 0)
            console.MarkupLineInterpolated($"[green]{labs} lab(s) valid[/] in {labsDirectory}");
        else
            console.MarkupLineInterpolated($"[red]{problems.Count} problem(s)[/] in {broken} file(s); {labs} lab(s) valid in {labsDirectory}");
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.LabsFailed;
    }

    /// <summary>Every problem of every lab, and the number of valid labs.</summary>
    internal static (int Valid, List<string> Problems) Load(string labsDirectory)
    {
        var loader = new LabLoader();
        var problems = new List<string>();
        var valid = 0;
        foreach (var dir in LabCatalog.LabDirectories(labsDirectory))
        {
            try
            {
                var lab = loader.Load(dir);
                if (lab.Tasks.Count > 0 && !lab.HasSolution)
                    problems.Add($"{Display(labsDirectory, lab)}: the lab has tasks but no reference solution; add solution/solve.sh or solution/*.yaml so that labs test can prove it");
                else
                    valid++;
            }
            catch (LabFormatException ex)
            {
                problems.AddRange(ex.Problems.Select(p => p.Message));
            }
        }
        ChartRepository.Load(labsDirectory, out var chartProblems);
        problems.AddRange(chartProblems.Select(p => p.Message));
        return (valid, problems);
    }

    private static string Display(string labsDirectory, Lab lab) =>
        $"{Path.GetFileName(labsDirectory.TrimEnd(Path.DirectorySeparatorChar))}/{lab.Id}/{LabLoader.LabFileName}";
}
