using System.Diagnostics;
using k8s;
using k8s.KubeConfigModels;
using Microsoft.Extensions.Options;

namespace Labs.Grading;

/// <summary>
/// Runs grader commands as local processes of the platform (<c>bash -c</c>) with a copy of
/// <see cref="GradingOptions.GraderKubeconfig"/> whose current context points at the learner's namespace, so that a
/// plain <c>kubectl get pods</c> (as verify scripts of other platforms write it) reads the learner's objects. Lab content
/// is trusted as the platform's own: only install labs you trust.
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
        var scoped = await ScopedKubeconfigAsync(kubeconfig, ns, cancellationToken);
        try
        {
            return await RunAsync(command, ns, scoped, timeout, cancellationToken);
        }
        finally
        {
            File.Delete(scoped);
        }
    }

    private static async Task<(int? ExitCode, string Stdout, string Stderr)> RunAsync(string command, string ns, string kubeconfig, TimeSpan timeout, CancellationToken cancellationToken)
    {
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

    /// <summary>A private copy of the kubeconfig (mode 0600) whose current context has <paramref name="ns"/> as its namespace.</summary>
    private static async Task<string> ScopedKubeconfigAsync(string kubeconfig, string ns, CancellationToken cancellationToken)
    {
        var config = await KubernetesClientConfiguration.LoadKubeConfigAsync(new FileInfo(kubeconfig));
        var current = config.Contexts?.FirstOrDefault(c => c.Name == config.CurrentContext)
            ?? throw new InvalidOperationException($"the grader's kubeconfig {kubeconfig} has no current context");
        current.ContextDetails ??= new ContextDetails();
        current.ContextDetails.Namespace = ns;
        var path = Path.Combine(Path.GetTempPath(), $"labs-grader-{Guid.NewGuid():N}.kubeconfig");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using (var file = new FileStream(path, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteAsync(KubernetesYaml.Serialize(config).AsMemory(), cancellationToken);
        }
        return path;
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
