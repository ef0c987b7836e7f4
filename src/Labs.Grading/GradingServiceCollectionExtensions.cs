using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Labs.Grading;

/// <summary>Registers the grader.</summary>
public static class GradingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="GradingOptions"/> (section <c>Grading</c>), <see cref="IGraderShell"/> (local processes) and
    /// <see cref="Grader"/> as singletons. The grader reads through the client registered by <c>AddKube</c>, which must
    /// be added too.
    /// </summary>
    public static IServiceCollection AddGrading(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GradingOptions>().BindConfiguration(GradingOptions.SectionName);
        services.TryAddSingleton<IGraderShell, LocalGraderShell>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Grader>();
        return services;
    }
}
