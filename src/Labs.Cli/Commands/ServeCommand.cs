using System.CommandLine;
using Labs.Web.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Labs.Cli.Commands;

/// <summary>
/// <c>labs serve [dir] [--port 5080] [--kubeconfig file]</c>: the platform for authoring. The labs reload when a file
/// changes and open pages reload themselves; a broken lab shows its problems on its page and the server keeps running.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var directory = new Argument<string?>("dir") { Description = "The folder holding the lab folders (default: ./labs).", Arity = ArgumentArity.ZeroOrOne };
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1 to serve on.", DefaultValueFactory = _ => 5080 };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Use the cluster of this kubeconfig instead of the embedded cluster." };
        var dataDirectory = new Option<string?>("--data-dir") { Description = "The platform's data directory (default: $XDG_DATA_HOME/labs or ~/.local/share/labs)." };
        var command = new Command("serve", "Run the platform on your labs with live reload: a changed file re-renders open pages; a broken lab shows its problems.")
        {
            directory, port, kubeconfig, dataDirectory,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            console, errors, LabsDirectory.Resolve(parse.GetValue(directory)), parse.GetValue(port), parse.GetValue(kubeconfig), parse.GetValue(dataDirectory), cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IAnsiConsole console, TextWriter errors, string labsDirectory, int port, string? kubeconfig, string? dataDirectory, CancellationToken cancellationToken)
    {
        if (!LabsDirectory.Exists(labsDirectory, errors))
            return ExitCodes.NotFound;
        if (port is < 0 or > 65535)
        {
            await errors.WriteLineAsync($"error: --port {port} is not a port number (0 to 65535)");
            return ExitCodes.Usage;
        }
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { WebRootPath = WebRoot(), ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Content:LabsDirectory"] = labsDirectory,
            ["Content:Watch"] = "true",
            ["Cluster:Kubeconfig"] = kubeconfig,
            ["Cluster:DataDirectory"] = dataDirectory,
            ["urls"] = $"http://127.0.0.1:{port}",
        });
        builder.AddLabsPlatform();
        await using var app = builder.Build();
        app.UseLabsPlatform();
        try
        {
            await app.StartAsync(cancellationToken);
            console.MarkupLineInterpolated($"Serving [bold]{labsDirectory}[/] at [link]{string.Join(", ", app.Urls)}[/]; edits reload open pages. Ctrl+C stops.");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (StartupErrors.IsUserFixable(ex))
        {
            await errors.WriteLineAsync($"error: {StartupErrors.Describe(ex)}");
            return ExitCodes.ClusterUnavailable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
    }

    /// <summary>The front end's files: beside the tool when it ships them, else the repository's build of them.</summary>
    private static string? WebRoot()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(beside))
            return beside;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var repo = Path.Combine(dir.FullName, "src", "Labs.Web", "wwwroot");
            if (File.Exists(Path.Combine(dir.FullName, "Labs.sln")) && Directory.Exists(repo))
                return repo;
        }
        return null;
    }
}
