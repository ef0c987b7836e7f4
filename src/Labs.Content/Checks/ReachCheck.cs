namespace Labs.Content.Checks;

/// <summary>
/// A URL answers from inside the learner's environment: <c>- http: http://web/</c>, <c>from: toolbox</c> (or
/// <c>pod/NAME</c> for a pod of the learner's namespace), optionally <c>status: 200</c> and a body operator
/// (<c>contains</c>, <c>matches</c>, <c>equals</c>). The request is made by exec of <c>curl</c> where it runs.
/// </summary>
public sealed record ReachCheck : Check
{
    /// <summary>The default limit of one request.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The URL; <c>$NAMESPACE</c> stands for the learner's namespace.</summary>
    public required string Url { get; init; }

    /// <summary>The pod the request is made from; null for the toolbox.</summary>
    public string? FromPod { get; init; }

    /// <summary>The HTTP status required; null for any 2xx or 3xx.</summary>
    public int? Status { get; init; }

    /// <summary>What the response body must satisfy; null for anything.</summary>
    public Assertion? Body { get; init; }

    /// <summary>How long the request may take.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <inheritdoc />
    protected override string Describe() => $"{Url} answers{(FromPod is null ? "" : $" from pod {FromPod}")}{(Status is { } s ? $" with {s}" : "")}";
}
