using System.Net;
using System.Text.RegularExpressions;
using k8s;

namespace Labs.Cli.Tests;

/// <summary><c>labs cluster</c>: the embedded cluster alone, with the library's chart repository on its address.</summary>
public sealed partial class ClusterCommandTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task The_cluster_serves_the_librarys_charts_and_prints_the_helm_command_whole()
    {
        using var temp = new TempLabs();
        // Pods' sandboxes run as users of their own and pass through here to reach the data directory.
        File.SetUnixFileMode(temp.Root, File.GetUnixFileMode(temp.Root) | UnixFileMode.OtherExecute);
        var data = Path.Combine(temp.Root, "data");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = Cli.RunUntilAsync(["cluster", "--data-dir", data, "--labs", Repo.LabsDirectory], stop.Token);

        var index = await IndexAsync(Path.Combine(data, "cluster"), running);
        await stop.CancelAsync();
        var (code, output, errors) = await running.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.True(code == ExitCodes.Ok, errors);
        Assert.Contains("webapp-1.0.0.tgz", index, StringComparison.Ordinal);
        Assert.Matches(HelmLine(), output);
        Assert.Contains($"--ca-file {Path.Combine(data, "cluster", "ca.crt")}\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_labs_folder_that_does_not_exist_is_refused()
    {
        var (code, _, errors) = await Cli.RunAsync("cluster", "--labs", "/nonexistent/labs");

        Assert.Equal(ExitCodes.NotFound, code);
        Assert.Contains("the labs folder '/nonexistent/labs' does not exist", errors, StringComparison.Ordinal);
    }

    /// <summary>Asks the cluster, once its kubeconfig is written, for the repository's index, without credentials.</summary>
    private static async Task<string> IndexAsync(string clusterDirectory, Task running)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (DateTime.UtcNow < deadline && !running.IsCompleted)
        {
            var kubeconfig = Path.Combine(clusterDirectory, "admin.kubeconfig");
            if (File.Exists(kubeconfig))
            {
                try
                {
                    var server = new Uri(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig).Host);
                    var ca = await File.ReadAllTextAsync(Path.Combine(clusterDirectory, "ca.crt"), TestContext.Current.CancellationToken);
                    using var http = Labs.Testing.ClusterHttp.Create(server, ca, token: null);
                    var answer = await http.GetAsync(new Uri(server, "/charts/index.yaml"), TestContext.Current.CancellationToken);
                    if (answer.StatusCode == HttpStatusCode.OK)
                        return await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or k8s.Exceptions.KubeConfigException)
                {
                    // Not listening yet, or the kubeconfig is being written.
                }
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        if (running.IsCompleted)
        {
            var (code, output, errors) = await (Task<(int, string, string)>)running;
            throw new InvalidOperationException($"labs cluster ended ({code}): {output} {errors}");
        }

        throw new TimeoutException("labs cluster did not serve /charts/index.yaml");
    }

    [GeneratedRegex(@"(?m)^helm repo add labs https://127\.0\.0\.1:\d+/charts/ --ca-file \S+ca\.crt$")]
    private static partial Regex HelmLine();
}
