using Labs.Content;
using Labs.Data;
using Labs.Grading;
using Labs.Hosting;
using Labs.Sessions;
using Labs.Terminal;
using Labs.Web.Accounts;
using Labs.Web.Api;
using Labs.Web.Pages;
using Labs.Web.Security;
using Microsoft.Extensions.Options;

namespace Labs.Web.Platform;

/// <summary>The composition root: which parts make up the platform and how requests reach them.</summary>
public static class PlatformComposition
{
    /// <summary>Registers every part of the platform.</summary>
    public static WebApplicationBuilder AddLabsPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddLabsCluster();
        services.AddHostedService<ReadyAnnouncement>();

        services.AddContent();
        services.AddGrading();
        // Grader commands use the platform's own cluster unless Grading:GraderKubeconfig names another kubeconfig.
        services.AddOptions<GradingOptions>().PostConfigure<ClusterConnection, Microsoft.Extensions.Options.IOptions<ClusterOptions>>((grading, cluster, clusterOptions) =>
        {
            if (string.IsNullOrWhiteSpace(grading.GraderKubeconfig))
            {
                grading.GraderKubeconfig = cluster.Embedded?.AdminKubeconfigPath ?? clusterOptions.Value.Kubeconfig ?? "";
            }
        });

        // Before the sessions: the database is migrated before they are reconciled with the cluster.
        services.AddLabsData(sp => sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ResolvedDataDirectory());
        services.AddSessions();
        // The embedded cluster's API server serves the library's chart repository (ChartRepositoryPublisher).
        services.AddOptions<LabSessionOptions>().PostConfigure<IOptions<ClusterOptions>>((sessions, cluster) =>
        {
            if (sessions.ChartRepository is null && cluster.Value.UsesEmbeddedCluster)
            {
                sessions.ChartRepository = Labs.Content.Charts.ChartRepository.UrlPath.TrimStart('/');
            }
        });
        services.AddHostedService<ChartRepositoryPublisher>();
        services.AddHostedService<LabPools>();
        services.AddTerminal();
        // Recordings are kept with the platform's other data, one folder per session.
        services.AddOptions<TerminalOptions>().Configure<IOptions<ClusterOptions>>((terminal, cluster) =>
            terminal.RecordingsDirectory ??= Path.Combine(cluster.Value.ResolvedDataDirectory(), "recordings"));
        services.AddPlatformSecurity();
        builder.AddLabsAccounts();
        return builder;
    }

    /// <summary>Maps pages, the JSON API, the terminal hub and the front end's files.</summary>
    public static WebApplication UseLabsPlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UsePlatformSecurity();
        app.UseLabsAccounts();
        app.MapPages();
        app.MapLabsApi();
        app.MapInstructorApi();
        app.MapChartsApi();
        app.MapTerminal();
        return app;
    }
}
