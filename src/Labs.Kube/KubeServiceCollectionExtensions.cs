using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Labs.Kube;

/// <summary>Registers the platform's Kubernetes client and the seam over it.</summary>
public static class KubeServiceCollectionExtensions
{
    /// <summary>
    /// Registers, as singletons made on first use: the <see cref="KubernetesClientConfiguration"/> from
    /// <paramref name="configuration"/>, the <see cref="IKubernetes"/> client (<see cref="KubeClients.Create"/>), its
    /// <see cref="KubeEndpoint"/>, a <see cref="KindCatalog"/>, <see cref="KubeObjects"/> and <see cref="IPodExec"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// Makes the client's configuration, once, when the client is first needed (e.g. after the host has started the
    /// embedded cluster).
    /// </param>
    public static IServiceCollection AddKube(this IServiceCollection services, Func<IServiceProvider, KubernetesClientConfiguration> configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(configuration);
        services.TryAddSingleton<IKubernetes>(sp => KubeClients.Create(sp.GetRequiredService<KubernetesClientConfiguration>()));
        services.TryAddSingleton(sp => KubeEndpoint.From(sp.GetRequiredService<KubernetesClientConfiguration>()));
        services.TryAddSingleton<KindCatalog>();
        services.TryAddSingleton<KubeObjects>();
        services.TryAddSingleton<IPodExec, PodExec>();
        return services;
    }
}
