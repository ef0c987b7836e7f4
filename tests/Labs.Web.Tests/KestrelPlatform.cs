using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

/// <summary>
/// The whole platform on a real Kestrel port of 127.0.0.1 with its embedded cluster, and HTTP clients that act as
/// separate learners (each with a cookie jar of its own) or as a client that keeps no cookies.
/// </summary>
public sealed class KestrelPlatform : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string? _ownedDirectory;

    private KestrelPlatform(string dataDirectory, bool ownsDirectory, IReadOnlyDictionary<string, string> settings)
    {
        _ownedDirectory = ownsDirectory ? dataDirectory : null;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Cluster:DataDirectory", dataDirectory);
            builder.UseSetting("Urls", "http://127.0.0.1:0");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts a platform in a fresh temporary data directory.</summary>
    public static KestrelPlatform Start(IReadOnlyDictionary<string, string>? settings = null) =>
        new(Directory.CreateTempSubdirectory("labs-web-").FullName, ownsDirectory: true, settings ?? new Dictionary<string, string>());

    /// <summary>Starts a platform on an existing data directory (which the caller removes).</summary>
    public static KestrelPlatform StartIn(string dataDirectory) => new(dataDirectory, ownsDirectory: false, new Dictionary<string, string>());

    /// <summary>A browser-like learner: keeps the cookies the platform sets.</summary>
    public HttpClient NewLearner(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), UseCookies = true }) { BaseAddress = BaseAddress };

    /// <summary>A client that never sends a cookie.</summary>
    public HttpClient WithoutCookies() => new(new HttpClientHandler { UseCookies = false }) { BaseAddress = BaseAddress };

    /// <summary>Starts a session of the lab as <paramref name="learner"/> and returns its id.</summary>
    public static async Task<string> StartSessionAsync(HttpClient learner, string labId = "deployments-101")
    {
        var started = await learner.PostAsync($"/api/labs/{labId}/sessions", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["sessionId"]!.GetValue<string>();
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_ownedDirectory is not null)
        {
            try
            {
                Directory.Delete(_ownedDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Files of a pod may still be closing; the OS cleans temp folders up.
            }
        }
    }
}
