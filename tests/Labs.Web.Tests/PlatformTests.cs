using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s;
using Labs.Kube;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

public sealed class PlatformTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_home_page_lists_the_labs()
    {
        var html = await factory.CreateClient().GetStringAsync("/", Cancel);

        Assert.Contains("href=\"/labs/deployments-101\"", html, StringComparison.Ordinal);
        Assert.Contains("Deployments 101", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_lab_page_has_the_lesson_the_task_and_the_terminal()
    {
        var html = await factory.CreateClient().GetStringAsync("/labs/deployments-101", Cancel);

        Assert.Contains("data-lab-id=\"deployments-101\"", html, StringComparison.Ordinal);
        Assert.Contains("data-task-id=\"web-deployment\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"terminal\"", html, StringComparison.Ordinal);
        Assert.Contains("/dist/lab.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_lab_is_a_404_page_and_a_404_problem()
    {
        var client = factory.CreateClient();

        var page = await client.GetAsync("/labs/nope", Cancel);
        var start = await client.PostAsync("/api/labs/nope/sessions", null, Cancel);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        var problem = await start.Content.ReadFromJsonAsync<JsonObject>(Cancel);
        Assert.Equal("There is no lab 'nope'.", problem!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_front_end_bundle_is_served()
    {
        var response = await factory.CreateClient().GetAsync("/dist/lab.js", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_session_is_graded_against_the_learners_namespace()
    {
        var client = factory.CreateClient();
        var started = await client.PostAsync("/api/labs/deployments-101/sessions", null, Cancel);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var session = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
        var id = session["sessionId"]!.GetValue<string>();
        var ns = session["namespace"]!.GetValue<string>();

        var failing = await CheckAsync(client, id);
        Assert.False(failing["passed"]!.GetValue<bool>());
        Assert.Contains("Deployment web not found", failing["messages"]!.AsArray().Select(m => m!.GetValue<string>()));

        await factory.Services.GetRequiredService<KubeObjects>().CreateNamespacedAsync(Deployment("web", "nginx", 2), ns, Cancel);

        var deadline = DateTime.UtcNow.AddMinutes(1);
        JsonObject result;
        do
        {
            result = await CheckAsync(client, id);
            if (result["passed"]!.GetValue<bool>())
            {
                break;
            }

            await Task.Delay(250, Cancel);
        }
        while (DateTime.UtcNow < deadline);

        Assert.True(result["passed"]!.GetValue<bool>(), result.ToJsonString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/sessions/{id}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/sessions/{id}", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_labs_setup_manifests_are_in_the_learners_namespace_when_the_session_starts()
    {
        var client = factory.CreateClient();
        var started = await client.PostAsync("/api/labs/configmaps-101/sessions", null, Cancel);
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var ns = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["namespace"]!.GetValue<string>();

        var legacy = await factory.Services.GetRequiredService<IKubernetes>().CoreV1.ReadNamespacedConfigMapAsync("legacy", ns, cancellationToken: Cancel);

        Assert.Equal("slow", legacy.Data["mode"]);
    }

    private static async Task<JsonObject> CheckAsync(HttpClient client, string sessionId)
    {
        var response = await client.PostAsync($"/api/sessions/{sessionId}/tasks/web-deployment/check", null, Cancel);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;
    }

    private static JsonObject Deployment(string name, string image, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = image, ["image"] = image }) },
            },
        },
    };
}
