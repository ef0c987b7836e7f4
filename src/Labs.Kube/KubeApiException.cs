namespace Labs.Kube;

/// <summary>The API server answered with an error <c>Status</c>.</summary>
public sealed class KubeApiException : Exception
{
    /// <summary>Creates the exception from the parts of a <c>v1.Status</c>.</summary>
    public KubeApiException(int code, string reason, string message)
        : base(message)
    {
        Code = code;
        Reason = reason;
    }

    /// <summary>HTTP status code, e.g. 404.</summary>
    public int Code { get; }

    /// <summary>Machine-readable reason, e.g. <c>NotFound</c>, <c>AlreadyExists</c>, <c>Forbidden</c>.</summary>
    public string Reason { get; }
}
