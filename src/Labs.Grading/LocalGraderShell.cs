using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Labs.Grading;

/// <summary>
/// Runs grader commands as local processes of the platform (<c>bash -c</c>), with <see cref="GradingOptions.GraderKubeconfig"/>
/// as <c>KUBECONFIG</c>. Lab content is trusted as the platform's own: only install labs you trust.
/// </summary>
public sealed class LocalGraderShell(IOptions<GradingOptions> options) : IGraderShell
{
    private const int MaxOutput = 1024 * 1024;

    /// <inheritdoc />
    public async Task<(int? ExitCode, string Stdout, string Stderr)> RunAsync(string command, string ns, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var kubeconfig = options.Value.GraderKubeconfig;
        if (string.IsNullOrWhiteSpace(kubeconfig))
            throw new InvalidOperationException("grader commands are not configured on this platform: set Grading:GraderKubeconfig to the kubeconfig they should use");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["NAMESPACE"] = ns;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash could not be started for a grader command");
        process.StandardInput.Close();
        var stdout = ReadAsync(process.StandardOutput);
        var stderr = ReadAsync(process.StandardError);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return (null, await stdout, await stderr);
        }
    }

    private static async Task<string> ReadAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        var text = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length < MaxOutput)
                text.Append(buffer, 0, read);
        }
        return text.ToString();
    }
}
