using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Labs.Kube;

/// <summary>Registers the Kubernetes client.</summary>
public static class KubeServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KubeConnection"/>, <see cref="KubeClient"/> and <see cref="IKubeClient"/> (singletons),
    /// with the connection resolved from <see cref="KubeOptions"/> (configuration section <c>Kube</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the options after configuration binding.</param>
    public static IServiceCollection AddKube(this IServiceCollection services, Action<KubeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        AddOptions(services, configure);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KubeOptions>>().Value;
            return options.Kubeconfig is null
                ? KubeConnection.FromDefaultLocations(options.Context)
                : KubeConnection.FromKubeconfigFile(options.Kubeconfig, options.Context);
        });
        return AddClient(services);
    }

    /// <summary>
    /// Registers the client for a connection the host built itself (e.g. the embedded cluster's admin
    /// kubeconfig). <see cref="KubeOptions"/> still supplies the request timeout and field manager.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connection">The connection to use.</param>
    /// <param name="configure">Adjusts the options after configuration binding.</param>
    public static IServiceCollection AddKube(this IServiceCollection services, KubeConnection connection, Action<KubeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connection);
        AddOptions(services, configure);
        services.RemoveAll<KubeConnection>();
        services.AddSingleton(connection);
        return AddClient(services);
    }

    /// <summary>
    /// Registers the client for a connection the host makes when it is first needed (e.g. after starting the
    /// embedded cluster). <see cref="KubeOptions"/> still supplies the request timeout and field manager.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="connectionFactory">Makes the connection, once.</param>
    /// <param name="configure">Adjusts the options after configuration binding.</param>
    public static IServiceCollection AddKube(this IServiceCollection services, Func<IServiceProvider, KubeConnection> connectionFactory, Action<KubeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connectionFactory);
        AddOptions(services, configure);
        services.RemoveAll<KubeConnection>();
        services.AddSingleton(connectionFactory);
        return AddClient(services);
    }

    private static void AddOptions(IServiceCollection services, Action<KubeOptions>? configure)
    {
        var builder = services.AddOptions<KubeOptions>().BindConfiguration(KubeOptions.SectionName);
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        builder.Validate(o => o.RequestTimeout > TimeSpan.Zero || o.RequestTimeout == Timeout.InfiniteTimeSpan, "Kube:RequestTimeout must be positive.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.FieldManager), "Kube:FieldManager must not be empty.")
            .ValidateOnStart();
    }

    private static IServiceCollection AddClient(IServiceCollection services)
    {
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KubeOptions>>().Value;
            return new KubeClient(sp.GetRequiredService<KubeConnection>(), requestTimeout: options.RequestTimeout) { FieldManager = options.FieldManager };
        });
        services.TryAddSingleton<IKubeClient>(sp => sp.GetRequiredService<KubeClient>());
        return services;
    }
}
