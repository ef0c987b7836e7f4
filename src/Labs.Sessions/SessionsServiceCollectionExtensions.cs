using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Labs.Sessions;

/// <summary>Registers learner sessions.</summary>
public static class SessionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SessionManager"/>, the <see cref="ISessionRegistry"/> and <see cref="LabSessionOptions"/> bound from
    /// the <c>Sessions</c> section, and the start-up clean-up of sessions an earlier run left behind. Needs the
    /// Kubernetes client of <c>AddKube</c> (started before this, as the cluster hosting does).
    /// </summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<LabSessionOptions>().BindConfiguration(LabSessionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<ISessionRegistry>(sp => sp.GetRequiredService<SessionRegistry>());
        services.AddSingleton<SessionManager>();
        services.AddHostedService<SessionReaper>();
        return services;
    }
}
