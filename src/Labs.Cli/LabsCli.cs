using System.CommandLine;
using Labs.Cli.Commands;
using Spectre.Console;

namespace Labs.Cli;

/// <summary>The <c>labs</c> command line: its commands, options and help.</summary>
public static class LabsCli
{
    /// <summary>Parses <paramref name="args"/> and runs the command; returns one of <see cref="ExitCodes"/>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="console">Where results go (tables, progress).</param>
    /// <param name="output">Where help goes.</param>
    /// <param name="errors">Where parse errors and problems go.</param>
    /// <param name="cancellationToken">Stops the command as Ctrl+C does.</param>
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = Build(console, errors);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await errors.WriteLineAsync($"error: {error.Message}");
            }

            await errors.WriteLineAsync("Run 'labs --help' for the commands and options.");
            return ExitCodes.Usage;
        }

        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors }, interrupt.Token) switch
            {
                var code when interrupt.IsCancellationRequested && !cancellationToken.IsCancellationRequested && code != ExitCodes.Ok => ExitCodes.Interrupted,
                var code => code,
            };
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            return ExitCodes.Interrupted;
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }

    /// <summary>The command tree, for <see cref="RunAsync"/> and tests of the help text.</summary>
    public static RootCommand Build(IAnsiConsole console, TextWriter errors)
    {
        var root = new RootCommand("labs: write, check and prove Labs labs and exams (see docs/authoring.md).")
        {
            ValidateCommand.Create(console),
            TestCommand.Create(console, errors),
            NewCommand.Create(console, errors),
            ServeCommand.Create(console, errors),
            ImportCommand.Create(console, errors),
            ClusterCommand.Create(console, errors),
        };
        return root;
    }
}
