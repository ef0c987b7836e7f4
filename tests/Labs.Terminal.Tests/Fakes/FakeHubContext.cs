using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.SignalR;

namespace Labs.Terminal.Tests.Fakes;

/// <summary>Records what the bridge sends to each connection instead of sending it.</summary>
public sealed class FakeHubContext : IHubContext<TerminalHub>
{
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(30);

    public FakeHubContext() => Clients = new FakeHubClients(this);

    public ConcurrentQueue<SentMessage> Sent { get; } = new();

    public IHubClients Clients { get; }

    public IGroupManager Groups => throw new NotSupportedException("The terminal does not use groups.");

    public IReadOnlyList<SentMessage> To(string connectionId, string method) =>
        Sent.Where(m => m.ConnectionId == connectionId && m.Method == method).ToList();

    /// <summary>Every Output sent to the connection, decoded and joined.</summary>
    public string OutputText(string connectionId) =>
        Encoding.UTF8.GetString(To(connectionId, TerminalClientMethods.Output).SelectMany(m => Convert.FromBase64String((string)m.Arg!)).ToArray());

    /// <summary>Polls (generously: the test machine is busy) until the condition holds.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + s_patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what}. Sent: {string.Join(", ", Sent.Select(m => $"{m.Method}({m.Arg})"))}");
            }

            await Task.Delay(20);
        }
    }

    public Task<SentMessage> WaitForAsync(string connectionId, string method) => WaitForAsync(connectionId, method, _ => true);

    public async Task<SentMessage> WaitForAsync(string connectionId, string method, Func<SentMessage, bool> match)
    {
        SentMessage? found = null;
        await WaitUntilAsync(() => (found = To(connectionId, method).FirstOrDefault(match)) is not null, $"{method} to {connectionId}");
        return found!;
    }

    private sealed class FakeHubClients(FakeHubContext owner) : IHubClients
    {
        public IClientProxy All => throw new NotSupportedException();

        public ISingleClientProxy Client(string connectionId) => new RecordingClientProxy(owner, connectionId);

        IClientProxy IHubClients<IClientProxy>.Client(string connectionId) => Client(connectionId);

        public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IClientProxy Clients(IReadOnlyList<string> connectionIds) => throw new NotSupportedException();

        public IClientProxy Group(string groupName) => throw new NotSupportedException();

        public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => throw new NotSupportedException();

        public IClientProxy Groups(IReadOnlyList<string> groupNames) => throw new NotSupportedException();

        public IClientProxy User(string userId) => throw new NotSupportedException();

        public IClientProxy Users(IReadOnlyList<string> userIds) => throw new NotSupportedException();
    }

    private sealed class RecordingClientProxy(FakeHubContext owner, string connectionId) : ISingleClientProxy
    {
        public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default)
        {
            owner.Sent.Enqueue(new SentMessage(connectionId, method, args));
            return Task.CompletedTask;
        }

        public Task<T> InvokeCoreAsync<T>(string method, object?[] args, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
