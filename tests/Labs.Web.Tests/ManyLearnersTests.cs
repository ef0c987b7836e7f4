using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Labs.Web.Tests;

/// <summary>A class arriving at once: every learner's start succeeds (with start limits raised for it, as an operator would).</summary>
public sealed class ManyLearnersTests
{
    private const int Learners = 100;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_hundred_learners_starting_at_once_all_get_their_own_session()
    {
        await using var platform = KestrelPlatform.Start(new Dictionary<string, string>
        {
            ["SessionStartLimits:Overall"] = "1000",
            ["SessionStartLimits:Queue"] = "1000",
        });
        var learners = Enumerable.Range(0, Learners).Select(_ => platform.NewLearner()).ToList();
        try
        {
            await Task.WhenAll(learners.Select(l => l.GetAsync("/labs/configmaps-101", Ct)));

            var answers = await Task.WhenAll(learners.Select(l => l.PostAsync("/api/labs/configmaps-101/sessions", null, Ct)));

            var failed = answers.Where(a => a.StatusCode != HttpStatusCode.Created).Select(a => $"{(int)a.StatusCode}").ToList();
            Assert.True(failed.Count == 0, $"{failed.Count} of {Learners} starts failed: {string.Join(", ", failed.Distinct())}");
            var namespaces = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonObject>(Ct))!["namespace"]!.GetValue<string>()));
            Assert.Equal(Learners, namespaces.Distinct().Count());
        }
        finally
        {
            learners.ForEach(l => l.Dispose());
        }
    }
}
