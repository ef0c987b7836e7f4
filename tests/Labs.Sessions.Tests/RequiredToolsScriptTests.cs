using System.Diagnostics;

namespace Labs.Sessions.Tests;

public sealed class RequiredToolsScriptTests
{
    [Fact]
    public async Task Run_by_bash_it_prints_each_missing_command_and_exits_with_its_code()
    {
        var (code, output) = await RunAsync(RequiredToolsScript.For(["bash", "labs-missing-one", "cat", "labs-missing-two"]));

        Assert.Equal(RequiredToolsScript.MissingExitCode, code);
        Assert.Equal("labs-missing-one\nlabs-missing-two\n", output);
    }

    [Fact]
    public async Task When_every_command_is_there_it_succeeds_silently()
    {
        Assert.Equal((0, ""), await RunAsync(RequiredToolsScript.For(["bash", "cat", "base64"])));
    }

    [Theory]
    [InlineData("rm -rf /")]
    [InlineData("$(id)")]
    [InlineData("")]
    public void A_name_that_is_not_a_command_name_is_refused(string tool)
    {
        var error = Assert.Throws<ArgumentException>(() => RequiredToolsScript.For([tool]));

        Assert.Contains($"'{tool}' is not a command name", error.Message, StringComparison.Ordinal);
    }

    private static async Task<(int, string)> RunAsync(string script)
    {
        using var bash = Process.Start(new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardOutput = true })!;
        await bash.StandardInput.WriteAsync(script.AsMemory(), TestContext.Current.CancellationToken);
        bash.StandardInput.Close();
        var output = await bash.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (bash.ExitCode, output);
    }
}
