using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Labs.Terminal;

/// <summary>Maps the browser terminal's endpoints.</summary>
public static class TerminalEndpointRouteBuilderExtensions
{
    /// <summary>The path of <see cref="TerminalHub"/>.</summary>
    public const string HubPath = "/hubs/terminal";

    /// <summary>Maps <see cref="TerminalHub"/> at <c>/hubs/terminal</c> and the recordings at <c>/api/sessions/{id}/recordings</c>.</summary>
    public static HubEndpointConventionBuilder MapTerminal(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        TerminalRecordingsApi.Map(endpoints);
        return endpoints.MapHub<TerminalHub>(HubPath);
    }
}
