using Labs.Kube;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Labs.Hosting;

/// <summary>Registers the platform's cluster connection.</summary>
public static class HostingServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ClusterOptions"/> (section <c>Cluster</c>, validated at start), registers the
    /// <see cref="ClusterConnection"/> and the hosted service that starts and stops it with the host, and the
    /// Kubernetes client over it (<see cref="KubeServiceCollectionExtensions.AddKube"/>).
    /// </summary>
    public static IServiceCollection AddLabsCluster(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ClusterOptions>().BindConfiguration(ClusterOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.TryAddSingleton<ClusterConnection>();
        services.AddHostedService<ClusterHostedService>();
        services.AddKube(sp => sp.GetRequiredService<ClusterConnection>().Configuration);
        return services;
    }
}
