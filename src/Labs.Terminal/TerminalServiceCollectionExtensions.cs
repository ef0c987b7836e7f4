using Microsoft.Extensions.DependencyInjection;

namespace Labs.Terminal;

/// <summary>Registers the browser terminal's services.</summary>
public static class TerminalServiceCollectionExtensions
{
    /// <summary>
    /// Adds SignalR (with a receive limit that fits one maximal <c>Input</c>) and the <see cref="TerminalConnections"/>
    /// singleton. Needs <c>IKubeClient</c> and <c>ISessionRegistry</c> registered as well.
    /// </summary>
    public static IServiceCollection AddTerminal(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSignalR(options => options.MaximumReceiveMessageSize = TerminalLimits.MaxReceiveMessageBytes);
        services.AddSingleton<TerminalConnections>();
        return services;
    }
}
