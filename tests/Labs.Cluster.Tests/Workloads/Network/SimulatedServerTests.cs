using System.Text;
using Labs.Cluster.Workloads.Attach;
using Labs.Cluster.Workloads.Images;

namespace Labs.Cluster.Workloads.Network;

/// <summary>What the simulated servers of the catalog answer over a connection, and what they write to the log.</summary>
public sealed class SimulatedServerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static (Stream Client, ContainerLog Log, Task Served) Serve(string image, int port)
    {
        var name = ImageName.Parse(image, out _)!;
        var profile = ImageCatalog.Shipped.Serves(name, port) ?? throw new InvalidOperationException($"{image} serves nothing on {port}");
        var pod = new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = "web-1" } };
        var log = new ContainerLog();
        var (client, server) = InMemoryConnection.Create();
        var served = new SimulatedServer(profile, PodNetwork.Values(pod, name, profile, "10.244.1.7"), log, TimeProvider.System)
            .ServeAsync(server, "10.0.0.2:40000", Cancel);
        return (client, log, served);
    }

    // Sends a request and reads that many complete responses (0: everything until the server closes).
    private static async Task<string> ExchangeAsync(Stream client, string request, int responses = 1)
    {
        await client.WriteAsync(Encoding.ASCII.GetBytes(request), Cancel);
        var received = new StringBuilder();
        var buffer = new byte[8192];
        while (responses == 0 || CountResponses(received.ToString()) < responses)
        {
            var n = await client.ReadAsync(buffer, Cancel);
            if (n == 0)
            {
                break;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, n));
        }

        return received.ToString();
    }

    // Complete responses in the text (each head with a Content-Length whose body has arrived).
    private static int CountResponses(string text)
    {
        var count = 0;
        var at = 0;
        while (text.IndexOf("\r\n\r\n", at, StringComparison.Ordinal) is var end and >= 0)
        {
            var head = text[at..end];
            var length = int.Parse(head.Split("\r\n").First(l => l.StartsWith("Content-Length: ", StringComparison.Ordinal))["Content-Length: ".Length..],
                System.Globalization.CultureInfo.InvariantCulture);
            if (text.Length < end + 4 + length)
            {
                break;
            }

            at = end + 4 + length;
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Nginx_answers_its_welcome_page_and_404_on_one_kept_alive_connection_and_logs_each_request_as_nginx_does()
    {
        var (client, log, served) = Serve("nginx:1.27", 80);

        var answer = await ExchangeAsync(client,
            "GET / HTTP/1.1\r\nHost: web\r\nUser-Agent: kube-probe/1.32\r\n\r\nGET /missing HTTP/1.1\r\nHost: web\r\nUser-Agent: curl/8.5.0\r\n\r\n", responses: 2);

        Assert.StartsWith("HTTP/1.1 200 OK\r\nServer: nginx/1.27.5\r\nDate: ", answer, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/html\r\nContent-Length: 615\r\nConnection: keep-alive\r\n\r\n<!DOCTYPE html>", answer, StringComparison.Ordinal);
        Assert.Contains("<h1>Welcome to nginx!</h1>", answer, StringComparison.Ordinal);
        Assert.Contains("HTTP/1.1 404 Not Found\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("<hr><center>nginx/1.27.5</center>\r\n", answer, StringComparison.Ordinal);
        await client.DisposeAsync();
        await served;

        var lines = Encoding.UTF8.GetString(log.Snapshot()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^10\.0\.0\.2 - - \[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000\] ""GET / HTTP/1\.1"" 200 615 ""-"" ""kube-probe/1\.32"" ""-""$", lines[0]);
        Assert.EndsWith("\"GET /missing HTTP/1.1\" 404 153 \"-\" \"curl/8.5.0\" \"-\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_head_request_gets_the_headers_alone_and_http_1_0_closes_the_connection()
    {
        var (client, log, served) = Serve("httpd:2.4", 80);

        var answer = await ExchangeAsync(client, "HEAD / HTTP/1.0\r\n\r\n", responses: 0);

        Assert.StartsWith("HTTP/1.1 200 OK\r\nServer: Apache/2.4.63 (Unix)\r\n", answer, StringComparison.Ordinal);
        Assert.EndsWith("Content-Length: 45\r\nConnection: close\r\n\r\n", answer, StringComparison.Ordinal);
        await served; // The server closed its end.
        Assert.EndsWith("\"HEAD / HTTP/1.0\" 200 -\n", Encoding.UTF8.GetString(log.Snapshot()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NONSENSE\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nno colon here\r\n\r\n")]
    [InlineData("GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n")]
    public async Task A_malformed_request_is_a_400_and_the_connection_ends(string request)
    {
        var (client, _, served) = Serve("nginx", 80);

        var answer = await ExchangeAsync(client, request);

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("Connection: close\r\n", answer, StringComparison.Ordinal);
        await served;
    }

    [Fact]
    public async Task A_request_head_past_16_KiB_is_refused_without_reading_on()
    {
        var (client, _, served) = Serve("nginx", 80);

        var answer = await ExchangeAsync(client, "GET / HTTP/1.1\r\nX-Big: " + new string('a', 40_000) + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", answer, StringComparison.Ordinal);
        await served;
    }

    [Fact]
    public async Task A_request_body_is_read_past_so_the_next_request_on_the_connection_is_answered()
    {
        var (client, _, served) = Serve("traefik/whoami", 80);

        var answer = await ExchangeAsync(client,
            "POST /echo HTTP/1.1\r\nHost: who\r\nContent-Length: 5\r\n\r\nhelloGET /again HTTP/1.1\r\nHost: who\r\n\r\n", responses: 2);

        Assert.Contains("Hostname: web-1\nIP: 127.0.0.1\nIP: ::1\nIP: 10.244.1.7\nRemoteAddr: 10.0.0.2:40000\nPOST /echo HTTP/1.1\r\nHost: who\r\n", answer,
            StringComparison.Ordinal);
        Assert.Contains("GET /again HTTP/1.1\r\nHost: who\r\n\r\n", answer, StringComparison.Ordinal);
        await client.DisposeAsync();
        await served;
    }

    [Fact]
    public async Task A_tcp_port_accepts_and_says_nothing_until_the_caller_closes()
    {
        var (client, log, served) = Serve("redis:7", 6379);

        await client.WriteAsync("PING\r\n"u8.ToArray(), Cancel);
        Assert.False(served.IsCompleted);
        await client.DisposeAsync();
        await served;
        Assert.Empty(log.Snapshot());
    }

    [Theory]
    [InlineData("nginx", "1.27.5")]
    [InlineData("nginx:1.27", "1.27.5")]
    [InlineData("nginx:1.27-alpine", "1.27.5")]
    [InlineData("nginx:1.25", "1.25.0")]
    [InlineData("nginx:1.25.3-alpine", "1.25.3")]
    [InlineData("nginx:stable", "1.27.5")]
    [InlineData("gcr.io/google-samples/hello-app:2.0", "2.0.0")]
    public void A_version_tag_sets_the_servers_version(string image, string version)
    {
        var name = ImageName.Parse(image, out _)!;
        var profile = ImageCatalog.Shipped.ServersOf(name).Single();

        Assert.Equal(version, profile.VersionFor(name.Tag));
    }

    [Fact]
    public void Images_that_are_not_servers_serve_nothing()
    {
        Assert.Null(ImageCatalog.Shipped.Serves(ImageName.Parse("busybox", out _)!, 80));
        Assert.Null(ImageCatalog.Shipped.Serves(ImageName.Parse("nginx", out _)!, 8080));
    }

    [Theory]
    [InlineData("""{"registries": ["docker.io"], "images": {"docker.io/library/web": {"tags": "latest", "size": 1, "serves": {"80": "nope"}}}}""",
        "image docker.io/library/web: port 80 serves \"nope\", which is not a server of the catalog")]
    [InlineData("""{"registries": ["docker.io"], "images": {"docker.io/library/web": {"tags": "latest", "size": 1, "serves": {"http": "tcp"}}}}""",
        "image docker.io/library/web: \"serves\" names port http, which is not a port number")]
    [InlineData("""{"registries": ["docker.io"], "servers": {"web": {"version": "1.0.0", "pages": {"/a": "/b"}}}, "images": {}}""",
        "server web: page /a is neither an answer nor the path of one")]
    [InlineData("""{"registries": ["docker.io"], "servers": {"web": {"pages": {}}}, "images": {}}""", "server web: no \"version\"")]
    public void A_broken_server_entry_in_a_catalog_is_an_error_that_names_it(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => ImageCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(message, e.Message);
    }
}
