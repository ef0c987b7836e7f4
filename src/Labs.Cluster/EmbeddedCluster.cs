using System.Net;
using System.Text.Json.Nodes;
using Labs.Cluster.Access;
using Labs.Cluster.Api;
using Labs.Cluster.Registry;
using Labs.Cluster.Storage;
using Labs.Cluster.Workloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Labs.Cluster;

/// <summary>
/// An in-process Kubernetes-compatible cluster: an HTTPS API server on 127.0.0.1 that the real kubectl works against,
/// with a durable store (<c>&lt;DataDirectory&gt;/store/objects.db</c>), RBAC, and simulated nodes and workloads. The web host
/// starts one; tests start their own.
/// </summary>
public sealed partial class EmbeddedCluster : IAsyncDisposable
{
    /// <summary>The kubeconfig context (and cluster) name written to <see cref="AdminKubeconfigPath"/>.</summary>
    public const string ContextName = "labs-embedded";

    private readonly WebApplication _app;
    private readonly ApiServer _apiServer;
    private readonly ClusterAccess _access;
    private readonly WorkloadSimulator? _workloads;
    private readonly NamespaceBootstrapper _bootstrapper;
    // The API machinery's own controllers: finishing deletions, disruption budgets, the certificate signer.
    private readonly IAsyncDisposable[] _controllers;
    private readonly DurableObjectStore _durable;
    private int _disposed;

    private EmbeddedCluster(WebApplication app, ApiServer apiServer, ClusterAccess access, WorkloadSimulator? workloads, NamespaceBootstrapper bootstrapper,
        IAsyncDisposable[] controllers, DurableObjectStore durable, IObjectStore store, Uri server, string kubeconfigPath)
    {
        _durable = durable;
        _app = app;
        _apiServer = apiServer;
        _access = access;
        _workloads = workloads;
        _bootstrapper = bootstrapper;
        _controllers = controllers;
        Store = store;
        Server = server;
        AdminKubeconfigPath = kubeconfigPath;
    }

    /// <summary>The API server address, <c>https://127.0.0.1:PORT</c>.</summary>
    public Uri Server { get; }

    /// <summary>PEM of the CA that signed the server certificate (trust it to talk to <see cref="Server"/>).</summary>
    public string CertificateAuthorityPem => _access.CertificateAuthorityPem;

    /// <summary>Bearer token of the cluster administrator (group <c>system:masters</c>).</summary>
    public string AdminToken => _access.AdminToken;

    /// <summary>Path of the administrator kubeconfig, <c>&lt;DataDirectory&gt;/admin.kubeconfig</c>, rewritten on every start.</summary>
    public string AdminKubeconfigPath { get; }

    /// <summary>
    /// Serves <paramref name="files"/> to anyone under <paramref name="prefix"/> (<c>/charts/</c>), without credentials, GET
    /// and HEAD only: how a sandbox, which reaches nothing but the API server, gets the lab library's Helm charts.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix is not <c>/NAME/</c> or is one of the Kubernetes API's paths.</exception>
    public void ServePublicFiles(string prefix, PublicFiles files) => _apiServer.ServePublicFiles(prefix, files);

    /// <summary>
    /// The object store behind the API (for in-process readers; writes should normally go through the API). Writes through
    /// it are admitted as API writes are (quotas, limit ranges), without the requesting user's RBAC checks.
    /// </summary>
    public IObjectStore Store { get; }

    /// <summary>Starts the cluster and returns once it answers HTTPS requests.</summary>
    /// <param name="options">Settings; <see cref="EmbeddedClusterOptions.DataDirectory"/> is required.</param>
    /// <param name="loggerFactory">Where the cluster logs.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">The options are invalid (missing data directory, bad port or node count).</exception>
    /// <exception cref="ClusterSetupException">The store file is damaged, in use or not writable, or the machine cannot host pod sandboxes.</exception>
    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            throw new ArgumentException("EmbeddedClusterOptions.DataDirectory is required: set it to a writable directory for the cluster's CA, tokens and kubeconfig.", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"EmbeddedClusterOptions.Port must be 0 (ephemeral) or a TCP port up to 65535; got {options.Port}.", nameof(options));
        }

        if (options.NodeCount < 1)
        {
            throw new ArgumentException($"EmbeddedClusterOptions.NodeCount must be at least 1; got {options.NodeCount}.", nameof(options));
        }

        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var logger = loggerFactory.CreateLogger<EmbeddedCluster>();
        var durable = DurableObjectStore.Open(StorePath(dataDirectory), logger: loggerFactory.CreateLogger<DurableObjectStore>());
        try
        {
            return await StartAsync(options, loggerFactory, dataDirectory, durable, logger, cancellationToken);
        }
        catch
        {
            durable.Dispose();
            throw;
        }
    }

    /// <summary>Where the store file of a cluster with data directory <paramref name="dataDirectory"/> is.</summary>
    public static string StorePath(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "store", DurableObjectStore.FileName);

    private static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions options, ILoggerFactory loggerFactory, string dataDirectory,
        DurableObjectStore durable, ILogger logger, CancellationToken cancellationToken)
    {
        // Every writer (the API, controllers, bootstrap code) shares the registry's write path, and admission behind it.
        var admitting = new AdmittingObjectStore(durable);
        var store = new RegistryStore(admitting, admitDryRun: admitting.AdmitDryRun);
        durable.GenerationTracking = resource => store.Registry.For(resource)?.TracksGeneration ?? true;
        ClusterSeeds.CreateIfNew(store);
        Registry.ApiExtensions.CustomResourceSync.Start(store);
        var access = new ClusterAccess(dataDirectory, store);
        var bootstrapper = new NamespaceBootstrapper(store, access.CertificateAuthorityPem, logger);
        IAsyncDisposable[] controllers =
        [
            PendingDeletions.Start(store, logger),
            Registry.Policy.DisruptionBudgetStatus.Start(store, logger),
            Registry.Certificates.CertificateSigner.Start(store, access.CertificateAuthority, TimeProvider.System, logger),
        ];
        WorkloadSimulator? workloads = null;
        var workloadOptions = new WorkloadOptions { DataDirectory = dataDirectory, NodeCount = options.NodeCount, ClusterNetwork = options.ClusterNetwork };
        if (options.RunWorkloads)
        {
            workloads = new WorkloadSimulator(store, workloadOptions, loggerFactory);
        }

        // Sandboxes have a network of their own: the API server reaches them through this socket, forwarded inside.
        var socketPath = ApiSocketPath(dataDirectory);

        var apiServer = new ApiServer(store, CreateHooks(access, workloads, store), loggerFactory.CreateLogger("Labs.Cluster.ApiServer"))
        {
            BookmarkInterval = options.BookmarkInterval,
            ExtraDiscovery = workloads is null ? AccessDiscovery()
                : new Dictionary<string, JsonArray>(AccessDiscovery()) { [WorkloadSimulator.MetricsGroupVersion] = WorkloadSimulator.MetricsDiscovery() },
        };

        // The cluster is a host of its own inside someone else's process: it must not read that process's
        // appsettings, URLs or environment, nor take over Ctrl+C from it.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = dataDirectory });
        builder.Configuration.Sources.Clear();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(Https(access));
            });
            if (workloads is not null)
            {
                File.Delete(socketPath);
                kestrel.ListenUnixSocket(socketPath, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(Https(access));
                });
            }
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(apiServer.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            await bootstrapper.DisposeAsync();
            await StopAsync(controllers);
            apiServer.Dispose();
            access.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)).Port;
        var server = new Uri($"https://127.0.0.1:{port}");
        var kubeconfigPath = Path.Combine(dataDirectory, "admin.kubeconfig");
        WriteKubeconfig(kubeconfigPath, server, access.CertificateAuthorityPem, access.AdminToken);
        if (workloads is not null)
        {
            // Sandboxes run as other users: they may connect (the socket is no more open than the TCP port on 127.0.0.1).
            File.SetUnixFileMode(socketPath, (UnixFileMode)0x1B6 /* 0666 */);
            workloadOptions.ApiServerSocket = socketPath;
            workloadOptions.ApiServerPort = port;
            workloads.Start();
        }

        logger.LogInformation("Embedded cluster serving {Server}; admin kubeconfig {Path}", server, kubeconfigPath);
        return new EmbeddedCluster(app, apiServer, access, workloads, bootstrapper, controllers, durable, store, server, kubeconfigPath);
    }

    /// <summary>Stops the API server and the simulated workloads.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _apiServer.Stop();
        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(shutdown.Token);
        await _app.DisposeAsync();
        _apiServer.Dispose();
        if (_workloads is not null)
        {
            await _workloads.DisposeAsync();
        }

        await _bootstrapper.DisposeAsync();
        await StopAsync(_controllers);
        _access.Dispose();
        _durable.Dispose();
    }

    private static async Task StopAsync(IAsyncDisposable[] controllers)
    {
        foreach (var controller in controllers)
        {
            await controller.DisposeAsync();
        }
    }

    // TLS with the cluster's server certificate; a client certificate is asked for, not required, and checked
    // against the cluster's CA by the authenticator (tokens stay the usual way in).
    private static HttpsConnectionAdapterOptions Https(ClusterAccess access) => new()
    {
        ServerCertificate = access.ServerCertificate,
        ClientCertificateMode = ClientCertificateMode.AllowCertificate,
        ClientCertificateValidation = (_, _, _) => true,
    };

    /// <summary>
    /// <c>&lt;data&gt;/api.sock</c>, or a short path under the temporary directory when that is longer than a Unix
    /// socket's address allows (108 bytes).
    /// </summary>
    private static string ApiSocketPath(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "api.sock");
        return System.Text.Encoding.UTF8.GetByteCount(path) < 100
            ? path
            : Path.Combine(Path.GetTempPath(), $"labs-api-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dataDirectory)))[..16]}.sock");
    }
}
