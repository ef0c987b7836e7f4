using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Labs.Sessions;

/// <summary>Registers learner sessions.</summary>
public static class SessionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SessionManager"/>, the <see cref="ISessionRegistry"/> and <see cref="LabSessionOptions"/> bound from
    /// the <c>Sessions</c> section, the start-up reconciliation of the sessions of an earlier run, and the reaper of
    /// expired sessions. Needs the Kubernetes client of <c>AddKube</c> (started before this, as the cluster hosting
    /// does) and the database of <c>AddLabsData</c> (added before this, so it is migrated first).
    /// </summary>
    public static IServiceCollection AddSessions(this IServiceCollection services)
    {
        services.AddOptions<LabSessionOptions>().BindConfiguration(LabSessionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISessionOverseers, NoSessionOverseers>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<ISessionRegistry>(sp => sp.GetRequiredService<SessionRegistry>());
        services.AddSingleton<SessionManager>();
        services.AddHostedService<SessionReconciler>();
        services.AddHostedService<SessionExpiryReaper>();
        services.AddHostedService<SessionPoolFiller>();
        return services;
    }
}
