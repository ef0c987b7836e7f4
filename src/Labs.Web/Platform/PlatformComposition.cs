using Labs.Content;
using Labs.Data;
using Labs.Grading;
using Labs.Hosting;
using Labs.Sessions;
using Labs.Terminal;
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
        // Before the sessions: the database is migrated before they are reconciled with the cluster.
        services.AddLabsData(sp => sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ResolvedDataDirectory());
        services.AddSessions();
        services.AddHostedService<LabPools>();
        services.AddTerminal();
        services.AddPlatformSecurity();
        return builder;
    }

    /// <summary>Maps pages, the JSON API, the terminal hub and the front end's files.</summary>
    public static WebApplication UseLabsPlatform(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseStaticFiles();
        app.UsePlatformSecurity();
        app.MapPages();
        app.MapLabsApi();
        app.MapTerminal();
        return app;
    }
}
