using Spectre.Console;

namespace Labs.Cli.Tests;

/// <summary>Runs the labs command line in-process and captures what it prints.</summary>
internal static class Cli
{
    /// <summary>Runs a command to its end (or the test's cancellation).</summary>
    public static Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args) => RunUntilAsync(args, TestContext.Current.CancellationToken);

    /// <summary>Runs a command until it ends or <paramref name="stop"/> stops it, as Ctrl+C does.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunUntilAsync(string[] args, CancellationToken stop)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var code = await LabsCli.RunAsync(args, console, output, errors, stop);
        return (code, output.ToString(), errors.ToString());
    }
}
