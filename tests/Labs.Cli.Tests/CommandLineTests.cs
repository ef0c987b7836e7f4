namespace Labs.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_lists_every_command()
    {
        var (code, output, _) = await Cli.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var command in new[] { "validate", "test", "new", "cluster" })
            Assert.Contains(command, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_of_test_lists_its_options()
    {
        var (code, output, _) = await Cli.RunAsync("test", "--help");

        Assert.Equal(ExitCodes.Ok, code);
        foreach (var option in new[] { "--lab", "--kubeconfig", "--context", "--junit", "--verbose" })
            Assert.Contains(option, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_is_a_usage_error()
    {
        var (code, _, errors) = await Cli.RunAsync("frobnicate");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("Unrecognized command or argument 'frobnicate'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_labs_folder_is_reported()
    {
        var (code, _, errors) = await Cli.RunAsync("validate", "/nonexistent/labs");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("the labs folder '/nonexistent/labs' does not exist", errors, StringComparison.Ordinal);
    }
}
