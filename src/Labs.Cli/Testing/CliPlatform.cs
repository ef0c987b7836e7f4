using Labs.Content.Charts;
using Labs.Data;
using Labs.Grading;
using Labs.Hosting;
using Labs.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labs.Cli.Testing;

/// <summary>
/// The parts of the platform a CLI command needs (cluster connection, sessions, grader), wired as the web host wires
/// them but started by hand: no hosted services run, so nothing of a platform sharing the cluster is cleaned up.
/// </summary>
internal sealed class CliPlatform : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _temporaryData;

    private CliPlatform(ServiceProvider services, string? temporaryData)
    {
        _services = services;
        _temporaryData = temporaryData;
    }

    public ClusterConnection Cluster => _services.GetRequiredService<ClusterConnection>();

    public SessionManager Sessions => _services.GetRequiredService<SessionManager>();

    public Grader Grader => _services.GetRequiredService<Grader>();

    public Labs.Kube.KubeObjects Objects => _services.GetRequiredService<Labs.Kube.KubeObjects>();

    public Labs.Kube.IPodExec Exec => _services.GetRequiredService<Labs.Kube.IPodExec>();

    /// <summary>
    /// Connects to the cluster: the one <paramref name="kubeconfig"/> names, or a fresh embedded cluster in
    /// <paramref name="dataDirectory"/> (a temporary folder, removed afterwards, when null).
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is wrong (e.g. the kubeconfig file does not exist).</exception>
    /// <exception cref="ClusterConnectionException">The kubeconfig cannot be used.</exception>
    /// <exception cref="Labs.Cluster.ClusterSetupException">The embedded cluster cannot start here.</exception>
    public static async Task<CliPlatform> StartAsync(string? kubeconfig, string? context, string? dataDirectory, LogLevel logLevel, CancellationToken cancellationToken)
    {
        // The sessions of a test run are throwaway: their database lives in a temporary folder too, whatever the cluster.
        var temporary = dataDirectory is null ? Directory.CreateTempSubdirectory("labs-cli-").FullName : null;
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:Kubeconfig"] = kubeconfig,
            ["Cluster:Context"] = context,
            ["Cluster:DataDirectory"] = kubeconfig is null ? dataDirectory ?? temporary : null,
            // The embedded cluster serves the library's chart repository (ServeCharts), as on the platform.
            ["Sessions:ChartRepository"] = kubeconfig is null ? ChartRepository.UrlPath.TrimStart('/') : null,
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(logLevel));
        services.AddLabsCluster();
        services.AddLabsData(_ => dataDirectory ?? temporary!);
        services.AddSessions();
        services.AddGrading();
        // Grader commands use the cluster the CLI uses, as they do on the platform.
        services.AddOptions<GradingOptions>().PostConfigure<ClusterConnection>((grading, cluster) =>
            grading.GraderKubeconfig = cluster.Embedded?.AdminKubeconfigPath ?? kubeconfig ?? "");
        var provider = services.BuildServiceProvider();
        var platform = new CliPlatform(provider, temporary);
        try
        {
            // Reading the options validates them: a bad setting fails here with a message naming it.
            _ = provider.GetRequiredService<IOptions<ClusterOptions>>().Value;
            await DatabaseMigrator.MigrateAsync(provider.GetRequiredService<LabsDbContextFactory>(), cancellationToken);
            await platform.Cluster.StartAsync(cancellationToken);
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves <paramref name="charts"/> on the embedded cluster's address, as the platform does; nothing on a real cluster.</summary>
    public void ServeCharts(ChartRepository charts) => Cluster.Embedded?.ServePublicFiles(ChartRepository.UrlPath, charts.TryGetFile);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_temporaryData is not null)
        {
            try
            {
                Directory.Delete(_temporaryData, recursive: true);
            }
            catch (IOException)
            {
                // A pod's storage may still be unmounting; the temporary folder is the system's to clean.
            }
            catch (UnauthorizedAccessException)
            {
                // Pod sandboxes may leave files owned by their own uid.
            }
        }
    }
}
