namespace Labs.Web.Security;

/// <summary>Endpoint metadata marking the endpoint that starts sessions, the one the start limits apply to.</summary>
internal sealed class SessionStartEndpoint
{
    public static SessionStartEndpoint Instance { get; } = new();

    private SessionStartEndpoint()
    {
    }

    public static bool Matches(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<SessionStartEndpoint>() is not null;
}
