using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Labs.Terminal;

/// <summary>Registers the browser terminal's services.</summary>
public static class TerminalServiceCollectionExtensions
{
    /// <summary>
    /// Adds SignalR (with a receive limit that fits one maximal <c>Input</c>), <see cref="TerminalOptions"/> bound from
    /// the <c>Terminal</c> section, the <see cref="TerminalConnections"/> singleton (which also starts the first shell of
    /// every pooled environment) and the sweeper of old recordings. Needs <c>IPodExec</c> (from <c>AddKube</c>),
    /// <c>ISessionRegistry</c> and an authentication scheme (the hub requires an authenticated learner) as well.
    /// </summary>
    public static IServiceCollection AddTerminal(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TerminalOptions>().BindConfiguration(TerminalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSignalR(options => options.MaximumReceiveMessageSize = TerminalLimits.MaxReceiveMessageBytes);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new TerminalRecordings(sp.GetRequiredService<IOptions<TerminalOptions>>().Value.RecordingsDirectory));
        services.AddSingleton<TerminalConnections>();
        services.AddHostedService<TerminalRecordingSweeper>();
        services.AddSingleton<Labs.Sessions.ISessionPoolWarmer>(sp => sp.GetRequiredService<TerminalConnections>());
        return services;
    }
}
