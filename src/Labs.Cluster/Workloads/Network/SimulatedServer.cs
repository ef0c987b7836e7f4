using System.Globalization;
using System.Text;
using Labs.Cluster.Workloads.Attach;

namespace Labs.Cluster.Workloads.Network;

/// <summary>
/// A simulated server on one connection, as its <see cref="ServerProfile"/> says: a TCP port that only accepts, or
/// HTTP/1.1 with keep-alive, answering each request with the profile's page and writing the access log line the image
/// writes into the container's log. A malformed or oversized request gets a 400 and the connection is closed.
/// </summary>
internal sealed class SimulatedServer(ServerProfile profile, IReadOnlyDictionary<string, string> values, ContainerLog log, TimeProvider time)
{
    private const int MaxHead = 16 * 1024;
    private const long MaxBody = 16 * 1024 * 1024;
    private static readonly byte[] EndOfHead = "\r\n\r\n"u8.ToArray();

    /// <summary>Serves a connection until the caller closes it; <paramref name="remote"/> is the caller's address (ip:port).</summary>
    public async Task ServeAsync(Stream connection, string remote, CancellationToken cancellationToken)
    {
        await using (connection)
        {
            try
            {
                var buffer = new byte[64 * 1024];
                if (!profile.Http)
                {
                    while (await connection.ReadAsync(buffer, cancellationToken) > 0)
                    {
                        // A port that accepts and says nothing.
                    }

                    return;
                }

                var pending = new MemoryStream();
                while (true)
                {
                    var head = await ReadHeadAsync(connection, pending, buffer, cancellationToken);
                    if (head is null)
                    {
                        return;
                    }

                    if (!await AnswerAsync(connection, pending, buffer, head, remote, cancellationToken))
                    {
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
            {
                // The caller went away.
            }
        }
    }

    // The request head (up to the blank line), or null at end of file; "" when it is too large.
    private static async Task<string?> ReadHeadAsync(Stream connection, MemoryStream pending, byte[] buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var data = pending.GetBuffer().AsSpan(0, (int)pending.Length);
            var end = data.IndexOf(EndOfHead);
            if (end > MaxHead)
            {
                return "";
            }

            if (end >= 0)
            {
                var head = Encoding.Latin1.GetString(data[..end]);
                var rest = data[(end + EndOfHead.Length)..].ToArray();
                pending.SetLength(0);
                pending.Write(rest);
                return head;
            }

            if (pending.Length > MaxHead)
            {
                return "";
            }

            var n = await connection.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                return null;
            }

            pending.Write(buffer, 0, n);
        }
    }

    // Answers one request; false when the connection is to be closed.
    private async Task<bool> AnswerAsync(Stream connection, MemoryStream pending, byte[] buffer, string head, string remote, CancellationToken cancellationToken)
    {
        var lines = head.Split("\r\n");
        var request = lines[0].Split(' ');
        if (head.Length == 0 || request.Length != 3 || request[2] is not ("HTTP/1.1" or "HTTP/1.0") || !request[1].StartsWith('/'))
        {
            await WriteAsync(connection, lines[0], 400, "text/html", "", close: true, head: false, [], remote, cancellationToken);
            return false;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                await WriteAsync(connection, lines[0], 400, "text/html", "", close: true, head: false, [], remote, cancellationToken);
                return false;
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var close = request[2] == "HTTP/1.0"
            ? !string.Equals(headers.GetValueOrDefault("Connection"), "keep-alive", StringComparison.OrdinalIgnoreCase)
            : string.Equals(headers.GetValueOrDefault("Connection"), "close", StringComparison.OrdinalIgnoreCase);
        if (headers.ContainsKey("Transfer-Encoding"))
        {
            close = true; // The body is not read: the connection ends after the answer.
        }
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            if (!long.TryParse(length, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) || bytes > MaxBody)
            {
                await WriteAsync(connection, lines[0], bytes > MaxBody ? 413 : 400, "text/html", "", close: true, head: false, [], remote, cancellationToken);
                return false;
            }

            await SkipAsync(connection, pending, buffer, bytes, cancellationToken);
        }

        var method = request[0];
        var path = request[1].Split('?')[0];
        var page = profile.PageFor(path);
        var context = new Dictionary<string, string>(values, StringComparer.Ordinal) { ["remote"] = remote, ["request"] = head + "\r\n\r\n" };
        if (page is null || (method is not ("GET" or "HEAD") && !profile.Pages.ContainsKey("*")))
        {
            var status = page is null ? 404 : 405;
            await WriteAsync(connection, lines[0], status, "text/plain", "", close, method == "HEAD", [], remote, cancellationToken, headers);
            return !close;
        }

        var now = time.GetUtcNow();
        var extra = new List<KeyValuePair<string, string>>(page.Headers);
        if (page.Location is { } location)
        {
            extra.Add(new("Location", location));
        }

        await WriteAsync(connection, lines[0], page.Status, page.Type, ServerProfile.Render(page.Body, context, now), close, method == "HEAD", extra, remote,
            cancellationToken, headers);
        return !close;
    }

    private static async Task SkipAsync(Stream connection, MemoryStream pending, byte[] buffer, long bytes, CancellationToken cancellationToken)
    {
        var buffered = Math.Min(bytes, pending.Length);
        var rest = pending.GetBuffer().AsSpan((int)buffered, (int)(pending.Length - buffered)).ToArray();
        pending.SetLength(0);
        pending.Write(rest);
        bytes -= buffered;
        while (bytes > 0)
        {
            var n = await connection.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes)), cancellationToken);
            if (n == 0)
            {
                return;
            }

            bytes -= n;
        }
    }

    private async Task WriteAsync(Stream connection, string requestLine, int status, string? type, string body, bool close, bool head,
        IEnumerable<KeyValuePair<string, string>> extra, string remote, CancellationToken cancellationToken, Dictionary<string, string>? requestHeaders = null)
    {
        var now = time.GetUtcNow();
        var content = Encoding.UTF8.GetBytes(body);
        var response = new StringBuilder();
        response.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ServerProfile.Reason(status)}\r\n");
        if (profile.Server is not null)
        {
            response.Append(CultureInfo.InvariantCulture, $"Server: {values["server"]}\r\n");
        }

        response.Append(CultureInfo.InvariantCulture, $"Date: {now.ToString("r", CultureInfo.InvariantCulture)}\r\n");
        if (type is not null)
        {
            response.Append(CultureInfo.InvariantCulture, $"Content-Type: {type}\r\n");
        }

        response.Append(CultureInfo.InvariantCulture, $"Content-Length: {content.Length}\r\n");
        foreach (var (name, value) in extra)
        {
            response.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        response.Append(close ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n");
        await connection.WriteAsync(Encoding.Latin1.GetBytes(response.ToString()), cancellationToken);
        if (!head)
        {
            await connection.WriteAsync(content, cancellationToken);
        }

        await connection.FlushAsync(cancellationToken);
        Record(requestLine, status, head ? 0 : content.Length, requestHeaders, remote, now);
    }

    // The access log line the image writes for a request.
    private void Record(string requestLine, int status, int bytes, Dictionary<string, string>? headers, string remote, DateTimeOffset now)
    {
        var ip = remote.Contains(':', StringComparison.Ordinal) ? remote[..remote.LastIndexOf(':')] : remote;
        var stamp = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);
        string Header(string name) => headers?.GetValueOrDefault(name) is { Length: > 0 } value ? value : "-";
        var line = profile.Log switch
        {
            "combined" => $"{ip} - - [{stamp}] \"{requestLine}\" {status} {bytes} \"{Header("Referer")}\" \"{Header("User-Agent")}\" \"-\"",
            "common" => $"{ip} - - [{stamp}] \"{requestLine}\" {status} {(bytes == 0 ? "-" : bytes.ToString(CultureInfo.InvariantCulture))}",
            "hello-app" => $"{now.ToString("yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture)} Serving request: {requestLine.Split(' ').ElementAtOrDefault(1)?.Split('?')[0]}",
            _ => null,
        };
        if (line is not null)
        {
            log.AppendLine(line);
        }
    }
}
