using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Labs.Web.Tests;

/// <summary>Hints open one at a time and in order, the solution only when confirmed, and each is recorded in the learner's progress.</summary>
public sealed class RevealsApiTests(PlatformFactory factory) : IClassFixture<PlatformFactory>
{
    private const string Task = "/api/labs/deployments-101/tasks/web-deployment";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hints_open_in_order_until_none_is_left_and_each_is_recorded_once()
    {
        using var learner = factory.CreateClient();

        var first = await learner.PostAsync($"{Task}/hints", null, Ct);
        var second = await learner.PostAsync($"{Task}/hints", null, Ct);
        var third = await learner.PostAsync($"{Task}/hints", null, Ct);

        var one = (await first.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Equal((0, 2), (one["index"]!.GetValue<int>(), one["count"]!.GetValue<int>()));
        Assert.Contains("kubectl create deployment", one["hint"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, (await second.Content.ReadFromJsonAsync<JsonObject>(Ct))!["index"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        var reveals = (await learner.GetFromJsonAsync<JsonArray>("/api/labs/deployments-101/reveals", Ct))!;
        Assert.Equal(("web-deployment", 2, false), Single(reveals));
        var progress = (await learner.GetFromJsonAsync<JsonObject>("/api/progress", Ct))!;
        Assert.Equal((2, 0), (progress["labs"]![0]!["hintsRevealed"]!.GetValue<int>(), progress["labs"]![0]!["solutionsRevealed"]!.GetValue<int>()));
    }

    [Fact]
    public async Task The_solution_opens_only_with_the_confirmation_flag_and_is_recorded_once()
    {
        using var learner = factory.CreateClient();

        var unconfirmed = await learner.PostAsync($"{Task}/solution", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Empty((await learner.GetFromJsonAsync<JsonArray>("/api/labs/deployments-101/reveals", Ct))!);

        var opened = (await (await learner.PostAsync($"{Task}/solution?confirm=true", null, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        var again = (await (await learner.PostAsync($"{Task}/solution?confirm=true", null, Ct)).Content.ReadFromJsonAsync<JsonObject>(Ct))!;

        Assert.Contains("kubectl create deployment web", opened["solution"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(opened["firstTime"]!.GetValue<bool>());
        Assert.False(again["firstTime"]!.GetValue<bool>());
        Assert.Equal(("web-deployment", 0, true), Single((await learner.GetFromJsonAsync<JsonArray>("/api/labs/deployments-101/reveals", Ct))!));
        Assert.Equal(1, (await learner.GetFromJsonAsync<JsonObject>("/api/progress", Ct))!["labs"]![0]!["solutionsRevealed"]!.GetValue<int>());
    }

    [Fact]
    public async Task Unknown_labs_and_tasks_are_404_and_an_exam_shows_no_hints_or_solutions()
    {
        using var learner = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await learner.PostAsync("/api/labs/no-such-lab/tasks/x/hints", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.PostAsync("/api/labs/deployments-101/tasks/no-such-task/hints", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await learner.GetAsync("/api/labs/no-such-lab/reveals", Ct)).StatusCode);
        var examTask = ExamTaskId();
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.PostAsync($"/api/labs/exam-practice-mini/tasks/{examTask}/hints", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await learner.PostAsync($"/api/labs/exam-practice-mini/tasks/{examTask}/solution?confirm=true", null, Ct)).StatusCode);
    }

    private string ExamTaskId()
    {
        var catalog = (Labs.Content.LabCatalog)factory.Services.GetService(typeof(Labs.Content.LabCatalog))!;
        return catalog.Find("exam-practice-mini")!.Tasks[0].Id;
    }

    private static (string, int, bool) Single(JsonArray reveals)
    {
        var only = Assert.Single(reveals)!;
        return (only["taskId"]!.GetValue<string>(), only["hintsShown"]!.GetValue<int>(), only["solutionShown"]!.GetValue<bool>());
    }
}
