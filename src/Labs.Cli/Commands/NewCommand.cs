using System.CommandLine;
using Labs.Content;
using Spectre.Console;

namespace Labs.Cli.Commands;

/// <summary><c>labs new &lt;id&gt; [--dir labs]</c>: scaffolds a lab that passes <c>labs validate</c> and <c>labs test</c>.</summary>
internal static class NewCommand
{
    public static Command Create(IAnsiConsole console, TextWriter errors)
    {
        var id = new Argument<string>("id") { Description = "The new lab's id and folder name: lowercase letters, digits and dashes, e.g. services-101." };
        var directory = new Option<string?>("--dir") { Description = "The folder holding the lab folders (default: ./labs)." };
        var command = new Command("new", "Create a lab folder with a lesson, a task, its check and a reference solution, ready to edit.") { id, directory };
        command.SetAction((parse, _) => Task.FromResult(Run(console, errors, parse.GetValue(id)!, LabsDirectory.Resolve(parse.GetValue(directory)))));
        return command;
    }

    public static int Run(IAnsiConsole console, TextWriter errors, string id, string labsDirectory)
    {
        if (!LabLoader.IsName(id))
        {
            errors.WriteLine($"error: lab id '{id}' must be lowercase letters, digits and dashes (at most 63), e.g. services-101");
            return ExitCodes.Usage;
        }
        var lab = Path.Combine(labsDirectory, id);
        if (Directory.Exists(lab))
        {
            errors.WriteLine($"error: {lab} already exists; pick another id or edit that lab");
            return ExitCodes.Usage;
        }
        try
        {
            Directory.CreateDirectory(Path.Combine(lab, "solution"));
            File.WriteAllText(Path.Combine(lab, LabLoader.LabFileName), LabMarkdown(id));
            File.WriteAllText(Path.Combine(lab, "solution", "solve.sh"), $"#!/bin/sh\n# Reference solution for {id}, run in the learner's toolbox by `labs test`.\nset -eu\nkubectl create configmap greeting --from-literal=message=hello\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"error: could not create {lab}: {ex.Message}");
            return ExitCodes.NotFound;
        }
        console.MarkupLineInterpolated($"Created [green]{lab}[/]: edit lab.md, then run [bold]labs validate[/] and [bold]labs test --lab {id}[/].");
        return ExitCodes.Ok;
    }

    private static string LabMarkdown(string id) => $$"""
        ---
        id: {{id}}
        title: {{string.Join(' ', id.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]))}}
        summary: One sentence that says what the learner will be able to do.
        difficulty: beginner
        duration: 10m
        tags: []
        ---

        Say in a paragraph what the learner is about to learn and why it matters.

        ```step
        id: first-step
        title: The first step
        ```

        Show the command, then ask the learner to run it:

        ```bash run
        kubectl create configmap greeting --from-literal=message=hello
        ```

        ````task
        id: greeting
        title: ConfigMap greeting says hello
        checks:
          - resource: v1/ConfigMap/greeting
            description: ConfigMap greeting holds message=hello
            jsonpath: .data.message
            equals: hello
            why: A ConfigMap keeps settings out of the image, as key-value pairs.
        hints:
          - "`kubectl create configmap` takes `--from-literal=KEY=VALUE`."
        solution: |
          ```bash run
          kubectl create configmap greeting --from-literal=message=hello
          ```
        explanation: Pods read the ConfigMap as environment variables or as files.
        ````

        """;
}
