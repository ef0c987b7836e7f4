namespace Labs.Conformance.Tests;

/// <summary>The outcome of one kubectl run.</summary>
public sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Asserts that <paramref name="result"/> succeeded and printed <paramref name="expected"/>; returns its standard output.</summary>
    public static string Ok(KubectlResult result, string expected)
    {
        ArgumentNullException.ThrowIfNull(result);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        return result.Stdout;
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
