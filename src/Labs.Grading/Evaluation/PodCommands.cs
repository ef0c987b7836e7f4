using System.Text;
using Labs.Kube;

namespace Labs.Grading.Evaluation;

/// <summary>
/// Runs a command in a pod by exec through the API (the platform's client, so the platform's credentials), without a
/// terminal or stdin, and collects its output (at most <see cref="MaxOutput"/> bytes of each stream) and exit code.
/// </summary>
internal sealed class PodCommands(IPodExec exec, TimeProvider time)
{
    public const int MaxOutput = 1024 * 1024;

    /// <exception cref="k8s.KubernetesException">The exec was refused.</exception>
    public async Task<CommandOutput> RunAsync(string ns, string pod, IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        await using var session = await exec.StartAsync(new ExecRequest(ns, pod, command, Tty: false, Stdin: false), linked.Token);
        try
        {
            await foreach (var chunk in session.ReadOutputAsync(linked.Token))
            {
                var into = chunk.Stream == 2 ? stderr : stdout;
                if (into.Length < MaxOutput)
                    into.Append(Encoding.UTF8.GetString(chunk.Data.Span));
            }
            var exitCode = await session.Completion.WaitAsync(linked.Token);
            return new CommandOutput(exitCode, stdout.ToString(), stderr.ToString());
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new CommandOutput(null, stdout.ToString(), stderr.ToString());
        }
    }
}
