using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Labs.Terminal.Tests;

/// <summary>
/// A minimal SignalR client speaking the JSON hub protocol over a raw WebSocket (records end with 0x1e), enough to
/// prove the hub's wire contract without the .NET SignalR client package.
/// </summary>
public sealed class SignalRJsonClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _received = new();
    private readonly Queue<JsonObject> _messages = new();
    private readonly List<JsonObject> _backlog = [];
    private int _nextInvocationId;

    /// <summary>Connects over a WebSocket; <paramref name="configure"/> may add headers (an identity, an Origin).</summary>
    public static async Task<SignalRJsonClient> ConnectAsync(Uri hubUri, CancellationToken cancellationToken, Action<ClientWebSocketOptions>? configure = null)
    {
        var client = new SignalRJsonClient();
        configure?.Invoke(client._socket.Options);
        await client._socket.ConnectAsync(hubUri, cancellationToken);
        await client.SendRecordAsync("""{"protocol":"json","version":1}""", cancellationToken);
        var handshake = await client.ReceiveAsync(cancellationToken);
        if (handshake.ContainsKey("error"))
        {
            throw new InvalidOperationException($"Handshake refused: {handshake}");
        }

        return client;
    }

    /// <summary>Invokes a hub method and returns its completion message (type 3).</summary>
    public async Task<JsonObject> InvokeAsync(string target, object?[] arguments, CancellationToken cancellationToken)
    {
        var id = (++_nextInvocationId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var invocation = new JsonObject
        {
            ["type"] = 1,
            ["invocationId"] = id,
            ["target"] = target,
            ["arguments"] = JsonSerializer.SerializeToNode(arguments),
        };
        await SendRecordAsync(invocation.ToJsonString(), cancellationToken);
        return await ReceiveAsync(m => (int?)m["type"] == 3 && (string?)m["invocationId"] == id, cancellationToken);
    }

    /// <summary>The first server → client invocation of <paramref name="target"/> not yet taken.</summary>
    public Task<JsonObject> ReceiveInvocationAsync(string target, CancellationToken cancellationToken) =>
        ReceiveAsync(m => (int?)m["type"] == 1 && (string?)m["target"] == target, cancellationToken);

    /// <summary>The first message matching; others are kept for later calls. Gives up after a generous minute.</summary>
    private async Task<JsonObject> ReceiveAsync(Func<JsonObject, bool> match, CancellationToken cancellationToken)
    {
        var kept = _backlog.FindIndex(m => match(m));
        if (kept >= 0)
        {
            var found = _backlog[kept];
            _backlog.RemoveAt(kept);
            return found;
        }

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var message = await ReceiveAsync(patience.Token);
            if (match(message))
            {
                return message;
            }

            _backlog.Add(message);
        }
    }

    private async Task<JsonObject> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        while (_messages.Count == 0)
        {
            var result = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The server closed the WebSocket.");
            }

            _received.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
            var text = _received.ToString();
            var end = text.LastIndexOf(RecordSeparator);
            if (end < 0)
            {
                continue;
            }

            foreach (var record in text[..end].Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                _messages.Enqueue(JsonNode.Parse(record)!.AsObject());
            }

            _received.Clear().Append(text[(end + 1)..]);
        }

        return _messages.Dequeue();
    }

    private Task SendRecordAsync(string json, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
            }
            catch (WebSocketException)
            {
                // The server went first; nothing to close.
            }
            catch (OperationCanceledException)
            {
                // Closing politely is best effort.
            }
        }

        _socket.Dispose();
    }
}
