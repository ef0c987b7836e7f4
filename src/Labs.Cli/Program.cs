using Labs.Cli;
using Spectre.Console;

return await LabsCli.RunAsync(args, AnsiConsole.Console, Console.Out, Console.Error);
