using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Labs.Kube;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

public sealed class SetupScriptTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("labs-setup-").FullName;
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // Pods' sandboxes run as users of their own and pass through here to reach the data directory.
        File.SetUnixFileMode(_root, File.GetUnixFileMode(_root) | UnixFileMode.OtherExecute);
        WriteLab("scripted", "kubectl create configmap from-script --from-literal=made-by=setup\n");
        WriteLab("broken", "echo about to fail\nkubectl get secret nope\n");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Cluster:DataDirectory", Path.Combine(_root, "data"));
            builder.UseSetting("Content:LabsDirectory", Path.Combine(_root, "labs"));
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Temp files; the OS cleans them up.
        }
    }

    [Fact]
    public async Task The_setup_script_runs_as_the_learner_in_their_namespace_before_the_session_is_handed_over()
    {
        var started = await _factory.CreateClient().PostAsync("/api/labs/scripted/sessions", null, Cancel);

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var ns = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["namespace"]!.GetValue<string>();
        var made = await _factory.Services.GetRequiredService<IKubeClient>().GetAsync(ResourceType.ConfigMaps, ns, "from-script", Cancel);
        Assert.Equal("setup", made?["data"]?["made-by"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_failing_setup_script_answers_503_with_what_the_script_said()
    {
        var started = await _factory.CreateClient().PostAsync("/api/labs/broken/sessions", null, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, started.StatusCode);
        var detail = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["detail"]!.GetValue<string>();
        Assert.Contains("setup script exited with code 1", detail, StringComparison.Ordinal);
        Assert.Contains("secrets \"nope\" not found", detail, StringComparison.Ordinal);
    }

    private void WriteLab(string id, string script)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "labs", id, "setup")).Parent!.FullName;
        File.WriteAllText(Path.Combine(dir, "setup", "setup.sh"), script);
        File.WriteAllText(Path.Combine(dir, "lab.md"), $$"""
            ---
            id: {{id}}
            title: Scripted setup
            summary: A lab whose setup runs a script.
            difficulty: beginner
            duration: 5m
            ---

            ```task
            id: made
            title: The script made a ConfigMap
            checks:
              - resource: v1/ConfigMap/from-script
            ```
            """);
    }
}
