using Labs.Content;
using Labs.Grading;
using Labs.Kube;
using Labs.Sessions;
using Labs.Terminal;
using Labs.Web.Api;
using Labs.Web.Pages;
using Labs.Web.Security;

namespace Labs.Web.Platform;

/// <summary>The composition root: which parts make up the platform and how requests reach them.</summary>
public static class PlatformComposition
{
    /// <summary>Registers every part of the platform.</summary>
    public static WebApplicationBuilder AddLabsPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.AddSingleton<ClusterConnection>();
        services.AddHostedService<ClusterStartupService>();
        services.AddKube(sp => sp.GetRequiredService<ClusterConnection>().Connection);

        services.AddContent();
        services.AddGrading();
        services.AddSessions();
        services.AddOptions<LabSessionOptions>().PostConfigure<ClusterConnection>((options, cluster) =>
        {
            // Learners' kubeconfigs point where the platform itself points, unless configured otherwise.
            options.ToolboxServer ??= cluster.Connection.Server;
            options.ToolboxCertificateAuthorityPem ??= cluster.CertificateAuthorityPem;
        });
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
