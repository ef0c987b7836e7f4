using System.CommandLine;
using Labs.Cli.Testing;
using Labs.Cluster;
using Labs.Content;
using Labs.Content.Charts;
using Labs.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;

namespace Labs.Cli.Commands;

/// <summary>
/// <c>labs test [dir] [--lab id] [--kubeconfig file] [--context name] [--junit file]</c>: proves every lab (or one) in a
/// fresh session each, against the embedded cluster unless a kubeconfig is given.
/// </summary>
internal static class TestCommand
{
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var directory = new Argument<string?>("dir") { Description = "The folder holding the lab folders (default: ./labs).", Arity = ArgumentArity.ZeroOrOne };
        var lab = new Option<string?>("--lab") { Description = "Test only the lab with this id." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Test on the cluster of this kubeconfig instead of a fresh embedded cluster." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use (default: its current-context)." };
        var junit = new Option<string?>("--junit") { Description = "Also write the results to this file as a JUnit XML report." };
        var verbose = new Option<bool>("--verbose") { Description = "Show the platform's and the embedded cluster's log." };
        var command = new Command("test", "Prove each lab in a fresh session: setup, its checks must fail, run the reference solution, every check must pass. Exits 1 when a lab fails.")
        {
            directory, lab, kubeconfig, context, junit, verbose,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console, errors, LabsDirectory.Resolve(parse.GetValue(directory)), parse.GetValue(lab), parse.GetValue(kubeconfig), parse.GetValue(context),
            parse.GetValue(junit), parse.GetValue(verbose), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(
        IAnsiConsole console, TextWriter errors, string labsDirectory, string? labId, string? kubeconfig, string? context, string? junit, bool verbose,
        CancellationToken cancellationToken)
    {
        if (!LabsDirectory.Exists(labsDirectory, errors))
            return ExitCodes.NotFound;
        var directories = LabCatalog.LabDirectories(labsDirectory).Where(d => labId is null || Path.GetFileName(d) == labId).ToList();
        if (labId is not null && directories.Count == 0)
        {
            await errors.WriteLineAsync($"error: there is no lab '{labId}' in {labsDirectory}");
            return ExitCodes.NotFound;
        }
        var (labs, problems) = LoadLabs(directories);
        var charts = ChartRepository.Load(labsDirectory, out var chartProblems);
        problems.AddRange(chartProblems.Select(p => p.Message));
        foreach (var problem in problems)
            await errors.WriteLineAsync(problem);
        if (problems.Count > 0)
            return ExitCodes.LabsFailed;

        CliPlatform platform;
        try
        {
            platform = await CliPlatform.StartAsync(kubeconfig, context, dataDirectory: null, verbose ? LogLevel.Information : LogLevel.Warning, cancellationToken);
        }
        catch (Exception ex) when (ex is OptionsValidationException or ClusterConnectionException or ClusterSetupException)
        {
            await errors.WriteLineAsync($"error: the cluster could not be used: {ex.Message}");
            return ExitCodes.ClusterUnavailable;
        }

        var results = new List<LabTestResult>();
        await using (platform)
        {
            console.MarkupLineInterpolated($"Testing {labs.Count} lab(s) on {platform.Cluster.Description}");
            platform.ServeCharts(charts);
            var runner = new LabTestRunner(platform);
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    foreach (var next in labs)
                    {
                        var bar = progress.AddTask(Markup.Escape(next.Id), maxValue: 4);
                        var result = await runner.RunAsync(next, stage =>
                        {
                            bar.Description = Markup.Escape($"{next.Id}: {stage}");
                            bar.Increment(1);
                        }, cancellationToken);
                        bar.Description = Markup.Escape($"{next.Id}: {(result.Passed ? "passed" : "FAILED")}");
                        bar.Value = bar.MaxValue;
                        results.Add(result);
                    }
                });
        }

        Report(console, errors, results);
        if (junit is not null)
        {
            try
            {
                JUnitReport.Create(results).Save(junit);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await errors.WriteLineAsync($"error: the JUnit report could not be written to {junit}: {ex.Message}");
                return ExitCodes.NotFound;
            }
        }
        return results.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.LabsFailed;
    }

    private static (List<Lab> Labs, List<string> Problems) LoadLabs(List<string> directories)
    {
        var loader = new LabLoader();
        var labs = new List<Lab>();
        var problems = new List<string>();
        foreach (var directory in directories)
        {
            try
            {
                labs.Add(loader.Load(directory));
            }
            catch (LabFormatException ex)
            {
                problems.AddRange(ex.Problems.Select(p => p.Message));
            }
        }
        return (labs, problems);
    }

    private static void Report(IAnsiConsole console, TextWriter errors, List<LabTestResult> results)
    {
        var table = new Table().AddColumns("Lab", "Result", "Setup", "Before", "Solution", "After", "Time");
        foreach (var result in results)
        {
            string Stage(string name) => result.Steps.FirstOrDefault(s => s.Name == name) switch
            {
                null => "[grey]-[/]",
                { Passed: true } => "[green]ok[/]",
                _ => "[red]failed[/]",
            };
            table.AddRow(
                Markup.Escape(result.LabId), result.Passed ? "[green]passed[/]" : "[red]FAILED[/]",
                Stage("setup"), Stage("before"), Stage("solution"), Stage("after"), $"{result.Duration.TotalSeconds:0.0} s");
        }
        console.Write(table);
        foreach (var result in results)
        {
            foreach (var problem in result.Problems)
                errors.WriteLine($"{result.LabId}: {problem}");
            foreach (var note in result.Steps.SelectMany(s => s.Notes))
                console.MarkupLineInterpolated($"[grey]{result.LabId}: note: {note}[/]");
        }
        var failed = results.Count(r => !r.Passed);
        if (failed == 0)
            console.MarkupLineInterpolated($"[green]{results.Count} lab(s) passed[/]");
        else
            console.MarkupLineInterpolated($"[red]{failed} of {results.Count} lab(s) failed[/]");
    }
}
