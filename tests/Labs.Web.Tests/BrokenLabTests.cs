using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Labs.Web.Tests;

/// <summary>A broken lab.md does not stop the platform: it starts, lists the lab as broken with its problems and serves the others.</summary>
public sealed class BrokenLabTests : IAsyncLifetime
{
    private const string FrontMatter = "---\nid: ID\ntitle: Title of ID\nsummary: S.\ndifficulty: beginner\nduration: 5m\n---\nLesson.\n";
    private readonly string _root = Directory.CreateTempSubdirectory("labs-broken-").FullName;
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // Pods' sandboxes run as users of their own and pass through here to reach the data directory.
        File.SetUnixFileMode(_root, File.GetUnixFileMode(_root) | UnixFileMode.OtherExecute);
        Write("fine", FrontMatter.Replace("ID", "fine", StringComparison.Ordinal));
        Write("oops", FrontMatter.Replace("ID", "oops", StringComparison.Ordinal).Replace("beginner", "easy", StringComparison.Ordinal) + "```task\nid: t\ntitle: <T>\nchecks: [{count: v1/Pod}]\n```\n");
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
            // Files of a pod may still be closing; the OS cleans temp folders up.
        }
    }

    [Fact]
    public async Task The_catalog_serves_the_good_lab_and_lists_the_broken_one()
    {
        var client = _factory.CreateClient();

        var home = await client.GetStringAsync("/", Cancel);
        var fine = await client.GetAsync("/labs/fine", Cancel);

        Assert.Contains("Title of fine", home, StringComparison.Ordinal);
        Assert.Contains("Broken labs", home, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/labs/oops\">oops</a>: 2 problems", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task The_broken_lab_page_shows_every_problem_with_its_position()
    {
        var response = await _factory.CreateClient().GetAsync("/labs/oops", Cancel);
        var page = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Lab oops is broken", page, StringComparison.Ordinal);
        Assert.Contains("labs/oops/lab.md:5:13: difficulty &#x27;easy&#x27; is not one of", page, StringComparison.Ordinal);
        Assert.Contains("labs/oops/lab.md:12:", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_lab_cannot_be_started()
    {
        var response = await _factory.CreateClient().PostAsync("/api/labs/oops/sessions", null, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("cannot be started until its files are fixed", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    private void Write(string id, string labMd)
    {
        var dir = Path.Combine(_root, "labs", id);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "lab.md"), labMd);
    }
}
