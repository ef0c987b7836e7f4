using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Labs.Content.Checks;

namespace Labs.Grading.Evaluation;

/// <summary>Checks that run something in the learner's environment: file contents, commands and reachability.</summary>
internal sealed partial class ToolboxEvaluator(PodCommands pods, IGraderShell? graderShell)
{
    private const int MissingFile = 3;
    private static readonly TimeSpan FileTimeout = TimeSpan.FromSeconds(10);

    public async Task<Outcome> FileAsync(FileCheck check, GradingTarget target, CancellationToken cancellationToken)
    {
        if (!target.HasToolbox)
            return NoToolbox(check.Path);
        var (script, argument) = check.Path.StartsWith("~/", StringComparison.Ordinal)
            ? ($"f=\"$HOME/$1\"; test -e \"$f\" || exit {MissingFile}; cat -- \"$f\"", check.Path[2..])
            : ($"test -e \"$1\" || exit {MissingFile}; cat -- \"$1\"", check.Path);
        var run = await pods.RunAsync(target.ToolboxNamespace!, target.ToolboxPod!, ["sh", "-c", script, "sh", argument], FileTimeout, cancellationToken);
        var expected = check.Assertion.ToString();
        if (run.ExitCode == MissingFile)
        {
            var missing = new Outcome(check.Assertion is { Operator: AssertionOperator.Exists, Negated: true }, $"{check.Path} does not exist", expected);
            return missing.Passed ? missing : missing with { Message = $"expected {check.Path} to {AssertionEvaluator.Expectation(check.Assertion)}, but there is no such file in your toolbox" };
        }
        if (run.ExitCode != 0)
            return Outcome.Fail($"The grader could not read {check.Path}: {(run.ExitCode is null ? "it took too long" : run.Tail)}", expected);
        var content = check.NormalizeWhitespace ? Normalize(run.Stdout) : run.Stdout;
        var assertion = check.NormalizeWhitespace && check.Assertion.Operand is JsonValue operand
            ? check.Assertion with { Operand = JsonValue.Create(Normalize(operand.ToString())) }
            : check.Assertion;
        var values = new JsonNode?[] { JsonValue.Create(content) };
        if (check.Assertion.Operator == AssertionOperator.Equals && !check.NormalizeWhitespace)
            values[0] = JsonValue.Create(content.TrimEnd('\n'));
        return AssertionEvaluator.Holds(assertion, values)
            ? Outcome.Pass($"{check.Path}: {check.Assertion}", expected, values[0])
            : Outcome.Fail(AssertionEvaluator.Explain(assertion, check.Path, values), expected, values[0]);
    }

    public async Task<Outcome> CommandAsync(CommandCheck check, GradingTarget target, CancellationToken cancellationToken)
    {
        CommandOutput run;
        if (check.Runner == CommandRunner.Grader)
        {
            if (graderShell is null)
                return Outcome.Fail($"The grader could not run `{check.Command}`: grader commands are not available on this platform");
            var (code, stdout, stderr) = await graderShell.RunAsync(check.Command, target.Namespace, check.Timeout, cancellationToken);
            run = new CommandOutput(code, stdout, stderr);
        }
        else
        {
            if (!target.HasToolbox)
                return NoToolbox($"`{check.Command}`");
            run = await pods.RunAsync(target.ToolboxNamespace!, target.ToolboxPod!, ["env", $"NAMESPACE={target.Namespace}", "bash", "-c", check.Command], check.Timeout, cancellationToken);
        }
        var expected = string.Join(" and ", new[] { check.ExitCode is { } c ? $"exit code {c}" : null, check.Output?.ToString() }.Where(s => s is not null));
        var found = new JsonObject { ["exitCode"] = run.ExitCode, ["stdout"] = Shorten(run.Stdout), ["stderr"] = Shorten(run.Stderr) };
        if (run.ExitCode is null)
            return Outcome.Fail($"`{check.Command}` did not finish within {check.Timeout.TotalSeconds:0.#} s", expected, found);
        if (check.ExitCode is { } wanted && run.ExitCode != wanted)
            return Outcome.Fail($"`{check.Command}` exited with {run.ExitCode}, expected {wanted}{(run.Tail.Length > 0 ? $": {run.Tail}" : "")}", expected, found);
        if (check.Output is { } output)
        {
            var values = new JsonNode?[] { JsonValue.Create(output.Operator == AssertionOperator.Equals ? run.Stdout.TrimEnd('\n') : run.Stdout) };
            if (!AssertionEvaluator.Holds(output, values))
                return Outcome.Fail(AssertionEvaluator.Explain(output, $"the output of `{check.Command}`", values), expected, found);
        }
        return Outcome.Pass($"`{check.Command}` {(check.ExitCode is { } e ? $"exited with {e}" : "printed what was expected")}", expected, found);
    }

    public async Task<Outcome> ReachAsync(ReachCheck check, GradingTarget target, CancellationToken cancellationToken)
    {
        var url = check.Url.Replace("$NAMESPACE", target.Namespace, StringComparison.Ordinal);
        var seconds = Math.Max(1, (int)Math.Ceiling(check.Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        string[] curl = ["curl", "-sS", "-m", seconds, "-o", "-", "-w", "\n%{http_code}", "--", url];
        var from = check.FromPod is null ? "your toolbox" : $"pod {check.FromPod}";
        CommandOutput run;
        if (check.FromPod is { } pod)
        {
            run = await pods.RunAsync(target.Namespace, pod, curl, check.Timeout + TimeSpan.FromSeconds(5), cancellationToken);
        }
        else
        {
            if (!target.HasToolbox)
                return NoToolbox(url);
            run = await pods.RunAsync(target.ToolboxNamespace!, target.ToolboxPod!, curl, check.Timeout + TimeSpan.FromSeconds(5), cancellationToken);
        }
        var expected = check.Status is { } s ? $"status {s}" : "a 2xx or 3xx status";
        if (run.ExitCode != 0)
            return Outcome.Fail($"{url} did not answer from {from}: {(run.ExitCode is null ? "the request took too long" : run.Tail)}", expected);
        var split = run.Stdout.LastIndexOf('\n');
        var body = split < 0 ? "" : run.Stdout[..split];
        var statusText = run.Stdout[(split + 1)..].Trim();
        var status = int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;
        var found = new JsonObject { ["status"] = status, ["body"] = Shorten(body) };
        if (check.Status is { } wantedStatus ? status != wantedStatus : status is < 200 or >= 400)
            return Outcome.Fail($"{url} answered {status} from {from}, expected {expected}", expected, found);
        if (check.Body is { } assertion && !AssertionEvaluator.Holds(assertion, [JsonValue.Create(body)]))
            return Outcome.Fail($"{url} answered {status} from {from}, but {AssertionEvaluator.Explain(assertion, "the body", [JsonValue.Create(Shorten(body))])}", expected, found);
        return Outcome.Pass($"{url} answered {status} from {from}", expected, found);
    }

    private static Outcome NoToolbox(string what) => Outcome.Fail($"The grader could not check {what}: this session has no toolbox");

    private static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    private static string Shorten(string text) => text.Length <= 2000 ? text : string.Concat(text.AsSpan(0, 1999), "…");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
