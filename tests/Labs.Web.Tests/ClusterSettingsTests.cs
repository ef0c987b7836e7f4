using Labs.Hosting;
using Microsoft.AspNetCore.Builder;
using Labs.Web.Platform;
using Microsoft.Extensions.Options;

namespace Labs.Web.Tests;

/// <summary>The one Cluster section decides the cluster; a wrong setting stops the host with a message that names it.</summary>
public sealed class ClusterSettingsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_kubeconfig_that_does_not_exist_stops_the_start_with_a_fixable_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "labs-no-such-" + Guid.NewGuid().ToString("N")[..8], "config");

        var error = await StartFailureAsync("--Cluster:Kubeconfig", missing);

        Assert.IsType<ClusterConnectionException>(error);
        Assert.True(StartupErrors.IsUserFixable(error));
        Assert.Equal($"Cluster:Kubeconfig '{missing}' does not exist.", StartupErrors.Describe(error));
    }

    [Fact]
    public async Task Contradicting_cluster_settings_are_refused_before_anything_starts()
    {
        var error = await StartFailureAsync("--Cluster:Context", "kind-labs");

        Assert.IsType<OptionsValidationException>(error);
        Assert.True(StartupErrors.IsUserFixable(error));
        Assert.Equal("Cluster:Context 'kind-labs' needs Cluster:Kubeconfig: a context is chosen from a kubeconfig.", StartupErrors.Describe(error));
    }

    /// <summary>Builds the platform's host as Program does, on a loopback port, and returns why it did not start.</summary>
    private static async Task<Exception> StartFailureAsync(params string[] args)
    {
        var data = Directory.CreateTempSubdirectory("labs-settings-").FullName;
        var builder = WebApplication.CreateBuilder([.. args, "--urls", "http://127.0.0.1:0", "--Cluster:DataDirectory", data]);
        builder.AddLabsPlatform();
        await using var app = builder.Build();
        app.UseLabsPlatform();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Ct));
        Directory.Delete(data, recursive: true);
        return error;
    }
}
