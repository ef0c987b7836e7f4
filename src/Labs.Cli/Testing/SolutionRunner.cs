using System.Text;
using Labs.Content;
using Labs.Kube;
using Labs.Sessions;

namespace Labs.Cli.Testing;

/// <summary>Runs a lab's reference solution in a session: its manifests in the learner's namespace, then solve.sh in the toolbox.</summary>
internal static class SolutionRunner
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(5);

    public static async Task<LabTestStep> RunAsync(CliPlatform platform, Lab lab, LabSession session, CancellationToken cancellationToken)
    {
        foreach (var obj in lab.SolutionObjects)
        {
            try
            {
                await platform.Objects.CreateNamespacedAsync(obj.Manifest, session.Namespace, cancellationToken);
            }
            catch (Exception ex) when (ex.IsApiFailure() || ex is ArgumentException)
            {
                return new LabTestStep("solution", false, [$"{obj.Source}: the cluster refused {obj.Manifest["kind"]} {obj.Manifest["metadata"]?["name"]}: {ex.Describe()}"], []);
            }
        }
        if (lab.SolutionScript is null)
            return new LabTestStep("solution", true, [], []);

        var script = await File.ReadAllTextAsync(lab.SolutionScript, cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ScriptTimeout);
        var output = new StringBuilder();
        try
        {
            // As the learner: bash reads the script on stdin in the toolbox, with the learner's kubeconfig.
            await using var exec = await platform.Exec.StartAsync(new ExecRequest(session.ToolboxNamespace, session.ToolboxPod, ToolboxCommands.Script, Tty: false, Stdin: true), deadline.Token);
            await exec.WriteStdinAsync(Encoding.UTF8.GetBytes(script), deadline.Token);
            await exec.CloseStdinAsync(deadline.Token);
            await foreach (var chunk in exec.ReadOutputAsync(deadline.Token))
            {
                output.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            }
            var exitCode = await exec.Completion.WaitAsync(deadline.Token);
            var tail = string.Join(" | ", output.ToString().TrimEnd().Split('\n').TakeLast(5));
            return exitCode == 0
                ? new LabTestStep("solution", true, [], [])
                : new LabTestStep("solution", false, [$"solution/solve.sh exited with {exitCode}: {tail}"], []);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new LabTestStep("solution", false, [$"solution/solve.sh did not finish within {ScriptTimeout.TotalMinutes:0} minutes"], []);
        }
        catch (Exception ex) when (ex.IsApiFailure())
        {
            return new LabTestStep("solution", false, [$"solution/solve.sh could not be run in the toolbox: {ex.Describe()}"], []);
        }
    }
}
