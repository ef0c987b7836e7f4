using System.Net;
using System.Net.Sockets;

namespace Labs.Cli.Tests;

/// <summary><c>labs serve</c>: the platform on an author's labs, reloading them as they are edited.</summary>
public sealed class ServeCommandTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Serve_reloads_an_edited_lab_and_shows_a_broken_one_without_stopping()
    {
        using var temp = new TempLabs();
        // Pods' sandboxes run as users of their own and pass through here to reach the data directory.
        File.SetUnixFileMode(temp.Root, File.GetUnixFileMode(temp.Root) | UnixFileMode.OtherExecute);
        var lab = "---\nid: live\ntitle: First title\nsummary: S.\ndifficulty: beginner\nduration: 5m\n---\nLesson.\n";
        temp.Write("live", ("lab.md", lab));
        var port = FreePort();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var serving = Cli.RunUntilAsync(["serve", temp.LabsDirectory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", Path.Combine(temp.Root, "data")], stop.Token);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var first = await UntilAsync(http, "/labs/live", page => page.Status == HttpStatusCode.OK, serving);
        await File.WriteAllTextAsync(Path.Combine(temp.LabsDirectory, "live", "lab.md"), lab.Replace("beginner", "easy", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var broken = await UntilAsync(http, "/labs/live", page => page.Status == HttpStatusCode.ServiceUnavailable, serving);
        await File.WriteAllTextAsync(Path.Combine(temp.LabsDirectory, "live", "lab.md"), lab.Replace("First title", "Second title", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var fixedAgain = await UntilAsync(http, "/labs/live", page => page.Body.Contains("Second title", StringComparison.Ordinal), serving);
        await stop.CancelAsync();
        var (code, _, errors) = await serving.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Contains("First title", first, StringComparison.Ordinal);
        Assert.Contains("new EventSource('/content/changes?since=0')", first, StringComparison.Ordinal);
        Assert.Contains("labs/live/lab.md:5:13: difficulty &#x27;easy&#x27;", broken, StringComparison.Ordinal);
        Assert.Contains("Second title", fixedAgain, StringComparison.Ordinal);
        Assert.True(code == ExitCodes.Ok, errors);
    }

    /// <summary>Asks for the page until it is as wanted (the reload follows the file change a moment later), within a bound.</summary>
    private static async Task<string> UntilAsync(HttpClient http, string path, Func<(HttpStatusCode Status, string Body), bool> wanted, Task serving)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (true)
        {
            Assert.False(serving.IsCompleted, "labs serve stopped");
            try
            {
                using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (wanted((response.StatusCode, body)))
                    return body;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, $"{path} did not become as expected within {Bound.TotalSeconds} s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
