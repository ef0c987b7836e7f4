using System.CommandLine;
using Labs.Cli.Testing;
using Labs.Cluster;
using Labs.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Labs.Cli.Commands;

/// <summary><c>labs cluster [--data-dir dir]</c>: runs the embedded cluster alone until Ctrl+C and prints its kubeconfig path.</summary>
internal static class ClusterCommand
{
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var dataDirectory = new Option<string?>("--data-dir") { Description = "Where the cluster keeps its state (default: the platform's data directory, $XDG_DATA_HOME/labs or ~/.local/share/labs)." };
        var command = new Command("cluster", "Run the embedded cluster alone, print its admin kubeconfig path, and keep it running until Ctrl+C.") { dataDirectory };
        command.SetAction((parse, cancellationToken) => RunAsync(console, errors, parse.GetValue(dataDirectory), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, TextWriter errors, string? dataDirectory, CancellationToken cancellationToken)
    {
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
            console.MarkupLineInterpolated($"[grey]kubectl --kubeconfig {embedded.AdminKubeconfigPath} get nodes; Ctrl+C stops it.[/]");
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
}
