using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Labs.Terminal;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Benchmarks;

/// <summary>
/// The whole platform (web host, terminal hub, embedded cluster with sandboxed toolbox shells) on a Kestrel port of
/// 127.0.0.1, and a learner that reaches it as a browser does: a cookie, the session API, the hub over WebSockets.
/// </summary>
internal sealed class TerminalPlatform : IAsyncDisposable
{
    private readonly WebApplicationFactory<global::Program> _factory;
    private readonly string _dataDirectory;
    private readonly CookieContainer _cookies = new();

    private TerminalPlatform(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        _dataDirectory = dataDirectory;
        _factory = new WebApplicationFactory<global::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseContentRoot(WebProjectDirectory());
            builder.UseSetting("Cluster:DataDirectory", dataDirectory);
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Learner = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, UseCookies = true }) { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public HttpClient Learner { get; }

    public IServiceProvider Services => _factory.Services;

    public static TerminalPlatform Start(IReadOnlyDictionary<string, string> settings) =>
        new(Directory.CreateTempSubdirectory("labs-bench-terminal-").FullName, settings);

    /// <summary>
    /// Starts a lab session as the learner (the default one, or another of <see cref="NewLearner"/>: a learner has one live
    /// session per lab) and returns its id; a first visit gets the learner cookie.
    /// </summary>
    public async Task<string> StartSessionAsync(string labId = "deployments-101", CookieContainer? learner = null)
    {
        using var other = learner is null ? null : new HttpClient(new HttpClientHandler { CookieContainer = learner, UseCookies = true }) { BaseAddress = BaseAddress };
        var client = other ?? Learner;
        if ((learner ?? _cookies).Count == 0)
        {
            (await client.GetAsync($"/labs/{labId}")).EnsureSuccessStatusCode();
        }

        var started = await client.PostAsync($"/api/labs/{labId}/sessions", null);
        if (started.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Session start answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
        }

        return (await started.Content.ReadFromJsonAsync<JsonObject>())!["sessionId"]!.GetValue<string>();
    }

    /// <summary>Cookies of another learner (a browser of its own), for <see cref="StartSessionAsync"/> and <see cref="ConnectAsync"/>.</summary>
    public static CookieContainer NewLearner() => new();

    /// <summary>A hub connection with the learner's cookie (the default learner's unless given) over WebSockets, as the page opens it.</summary>
    public async Task<HubConnection> ConnectAsync(CookieContainer? learner = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, TerminalEndpointRouteBuilderExtensions.HubPath), HttpTransportType.WebSockets, options =>
            {
                options.Cookies = learner ?? _cookies;
                options.SkipNegotiation = true;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>src/Labs.Web of this checkout (the host's content root: its labs, pages and built front end).</summary>
    private static string WebProjectDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "Labs.Web");
            if (File.Exists(Path.Combine(candidate, "Labs.Web.csproj")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"src/Labs.Web was not found above {AppContext.BaseDirectory}; run the benchmarks from the checkout.");
    }

    public async ValueTask DisposeAsync()
    {
        Learner.Dispose();
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort for a temp folder: files of a pod may still be closing.
        }
    }
}
