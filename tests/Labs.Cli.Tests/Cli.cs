using Spectre.Console;

namespace Labs.Cli.Tests;

/// <summary>Runs the labs command line in-process and captures what it prints.</summary>
internal static class Cli
{
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] args)
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
        var code = await LabsCli.RunAsync(args, console, output, errors);
        return (code, output.ToString(), errors.ToString());
    }
}
