namespace Labs.Terminal.Tests.Fakes;

/// <summary>One server → client invocation recorded by <see cref="FakeHubContext"/>.</summary>
public sealed record SentMessage(string ConnectionId, string Method, IReadOnlyList<object?> Args)
{
    public object? Arg => Args.Count > 0 ? Args[0] : null;
}
