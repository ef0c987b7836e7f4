using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Kube.Tests;

public sealed class AddKubeTests
{
    [Fact]
    public void A_given_connection_is_used_with_options_from_configuration()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kube:RequestTimeout"] = "00:00:12",
            ["Kube:FieldManager"] = "labs-web",
        }).Build();
        var connection = new KubeConnection(new Uri("https://127.0.0.1:6443"));
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        services.AddKube(connection);
        using var provider = services.BuildServiceProvider();
        var client = Assert.IsType<KubeClient>(provider.GetRequiredService<IKubeClient>());

        Assert.Same(connection, client.Connection);
        Assert.Equal(TimeSpan.FromSeconds(12), client.RequestTimeout);
        Assert.Equal("labs-web", client.FieldManager);
        Assert.Same(client, provider.GetRequiredService<KubeClient>());
    }

    [Fact]
    public void A_connection_factory_runs_once_and_only_when_the_client_is_first_needed()
    {
        var calls = 0;
        var connection = new KubeConnection(new Uri("https://127.0.0.1:6443"));
        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());

        services.AddKube(_ => { calls++; return connection; });
        using var provider = services.BuildServiceProvider();
        Assert.Equal(0, calls);
        var client = Assert.IsType<KubeClient>(provider.GetRequiredService<IKubeClient>());
        _ = provider.GetRequiredService<KubeClient>();

        Assert.Same(connection, client.Connection);
        Assert.Equal(1, calls);
    }

    [Fact]
    public void The_kubeconfig_path_and_context_come_from_options()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("labs-addkube-").FullName, "config");
        File.WriteAllText(path, """
            clusters:
            - {name: k, cluster: {server: "https://10.1.2.3:6443"}}
            users:
            - {name: u, user: {token: t}}
            contexts:
            - {name: one, context: {cluster: k, user: u, namespace: first}}
            - {name: two, context: {cluster: k, user: u, namespace: second}}
            """);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kube:Kubeconfig"] = path,
            ["Kube:Context"] = "two",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);

        services.AddKube();
        using var provider = services.BuildServiceProvider();

        var connection = provider.GetRequiredService<KubeConnection>();
        Assert.Equal("second", connection.Namespace);
        Assert.Equal("10.1.2.3", connection.Server.Host);
        File.Delete(path);
    }
}
