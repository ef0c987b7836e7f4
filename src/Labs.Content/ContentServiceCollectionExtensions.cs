using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Labs.Content;

/// <summary>Registers the lab library.</summary>
public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ContentOptions"/> (section <c>Content</c>, validated on start), <see cref="LabLoader"/>
    /// and a singleton <see cref="LabCatalog"/> that is loaded when the host starts: a malformed lab is listed as
    /// broken, with every problem logged as file:line:column, and the other labs are served. With
    /// <see cref="ContentOptions.Watch"/> the catalog reloads when a lab file changes.
    /// </summary>
    public static IServiceCollection AddContent(this IServiceCollection services, Action<ContentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.SectionName);
        if (configure is not null)
            options.Configure(configure);
        options
            .PostConfigure<IServiceProvider>((o, sp) =>
            {
                if (string.IsNullOrWhiteSpace(o.LabsDirectory))
                    o.LabsDirectory = LabsDirectoryLocator.Locate(sp.GetService<IHostEnvironment>()?.ContentRootPath, AppContext.BaseDirectory);
                o.LabsDirectory = Path.GetFullPath(o.LabsDirectory);
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ContentOptions>, ContentOptionsValidator>();

        services.AddSingleton<LabLoader>();
        services.AddSingleton(sp => LabCatalog.Load(sp.GetRequiredService<IOptions<ContentOptions>>().Value.LabsDirectory, sp.GetRequiredService<LabLoader>()));
        services.AddHostedService<LabCatalogStartupLoader>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<LabCatalogWatcher>();
        return services;
    }
}
