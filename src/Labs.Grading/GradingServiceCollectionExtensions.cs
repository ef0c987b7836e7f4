using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Labs.Grading;

/// <summary>Registers the grader.</summary>
public static class GradingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="Grader"/> as a singleton. It reads through the <see cref="Labs.Kube.KubeObjects"/>
    /// registered by <c>AddKube</c>, which must be added too.
    /// </summary>
    public static IServiceCollection AddGrading(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<Grader>();
        return services;
    }
}
