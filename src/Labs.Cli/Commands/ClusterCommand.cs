using System.CommandLine;
using Labs.Cli.Testing;
using Labs.Content.Charts;
using Labs.Cluster;
using Labs.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Labs.Cli.Commands;

/// <summary>
/// <c>labs cluster [--data-dir dir] [--labs dir]</c>: runs the embedded cluster alone until Ctrl+C, prints its kubeconfig
/// path, and serves the library's Helm chart repository on its address as the platform does.
/// </summary>
internal static class ClusterCommand
{
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Where the cluster keeps its state (default: the platform's data directory, $XDG_DATA_HOME/labs or ~/.local/share/labs)." };
        var labs = new Option<string?>("--labs") { Description = "The labs folder whose _charts/ the cluster serves as a Helm repository at /charts/ (default: labs in the current directory, when it exists)." };
        var command = new Command("cluster", "Run the embedded cluster alone, print its admin kubeconfig path, and keep it running until Ctrl+C.") { dataDirectory, labs };
        command.SetAction((parse, cancellationToken) => RunAsync(console, errors, parse.GetValue(dataDirectory), parse.GetValue(labs), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, TextWriter errors, string? dataDirectory, string? labs, CancellationToken cancellationToken)
    {
        var labsDirectory = LabsDirectory.Resolve(labs);
        if (labs is not null && !LabsDirectory.Exists(labsDirectory, errors))
            return ExitCodes.NotFound;
        var directory = dataDirectory is null ? new ClusterOptions().ResolvedDataDirectory() : Path.GetFullPath(dataDirectory);
        CliPlatform platform;
        try
        {
            platform = await CliPlatform.StartAsync(kubeconfig: null, context: null, directory, LogLevel.Warning, cancellationToken);
        }
        catch (Exception ex) when (ex is ClusterSetupException or ClusterConnectionException)
        {
            await errors.WriteLineAsync($"error: the embedded cluster could not start: {ex.Message}");
            return ExitCodes.ClusterUnavailable;
        }
        await using (platform)
        {
            var embedded = platform.Cluster.Embedded!;
            console.MarkupLineInterpolated($"Embedded cluster at [bold]{embedded.Server}[/]");
            console.WriteLine(embedded.AdminKubeconfigPath);
            // Commands go out unwrapped (Spectre wraps text at the console's width), so they can be copied whole.
            console.Profile.Out.Writer.WriteLine($"kubectl --kubeconfig {embedded.AdminKubeconfigPath} get nodes");
            console.MarkupLine("[grey]Ctrl+C stops it.[/]");
            if (Directory.Exists(labsDirectory))
                await ServeChartsAsync(console, errors, platform, labsDirectory, embedded);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                console.MarkupLine("Stopping the embedded cluster.");
            }
        }
        return ExitCodes.Ok;
    }

    private static async Task ServeChartsAsync(IAnsiConsole console, TextWriter errors, CliPlatform platform, string labsDirectory, EmbeddedCluster embedded)
    {
        var charts = ChartRepository.Load(labsDirectory, out var problems);
        foreach (var problem in problems)
            await errors.WriteLineAsync($"warning: {problem.Message}");
        platform.ServeCharts(charts);
        var ca = Path.Combine(Path.GetDirectoryName(embedded.AdminKubeconfigPath)!, Labs.Cluster.Access.CertificateAuthority.CertificateFileName);
        console.MarkupLineInterpolated($"[grey]{charts.Charts.Count} chart version(s) of {labsDirectory}/{ChartRepository.FolderName} are served as a Helm repository:[/]");
        console.Profile.Out.Writer.WriteLine($"helm repo add labs {new Uri(embedded.Server, ChartRepository.UrlPath)} --ca-file {ca}");
    }
}
