using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Labs.Content.Tests;

public sealed class ContentServicesTests
{
    [Fact]
    public async Task The_host_loads_the_catalog_from_the_configured_folder_at_startup()
    {
        using var temp = new TempLabs();
        temp.Write("sample", SampleLab.With(SampleLab.Task));
        using var host = BuildHost(temp.LabsDirectory);

        await host.StartAsync(TestContext.Current.CancellationToken);
        var catalog = host.Services.GetRequiredService<LabCatalog>();
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("sample", Assert.Single(catalog.All).Id);
        Assert.NotNull(catalog.Find("sample"));
        Assert.Null(catalog.Find("missing"));
    }

    [Fact]
    public async Task A_malformed_lab_is_listed_as_broken_and_the_others_are_served()
    {
        using var temp = new TempLabs();
        temp.Write("sample", SampleLab.FrontMatter.Replace("beginner", "easy", StringComparison.Ordinal));
        temp.Write("other", SampleLab.With("").Replace("id: sample", "id: other", StringComparison.Ordinal));
        using var host = BuildHost(temp.LabsDirectory);

        await host.StartAsync(TestContext.Current.CancellationToken);
        var catalog = host.Services.GetRequiredService<LabCatalog>();
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("other", Assert.Single(catalog.All).Id);
        var broken = Assert.Single(catalog.Broken);
        Assert.Equal("sample", broken.Id);
        Assert.StartsWith("labs/sample/lab.md:5:13: difficulty 'easy'", Assert.Single(broken.Problems).Message, StringComparison.Ordinal);
        Assert.Null(catalog.Find("sample"));
        Assert.Same(broken, catalog.FindBroken("sample"));
    }

    [Fact]
    public void Reloading_picks_up_a_fixed_lab_and_a_new_problem_and_says_so()
    {
        using var temp = new TempLabs();
        var dir = temp.Write("sample", SampleLab.FrontMatter.Replace("beginner", "easy", StringComparison.Ordinal));
        var catalog = LabCatalog.Load(temp.LabsDirectory);
        var changes = 0;
        catalog.Changed += (_, _) => changes++;

        File.WriteAllText(Path.Combine(dir, "lab.md"), SampleLab.With(SampleLab.Task));
        catalog.Reload();

        Assert.Equal((1, 1L), (changes, catalog.Version));
        Assert.NotNull(catalog.Find("sample"));
        Assert.Empty(catalog.Broken);
    }

    [Fact]
    public async Task A_labs_folder_that_does_not_exist_fails_validation_on_start()
    {
        var missing = Path.Combine(Path.GetTempPath(), "labs-content-tests", "does-not-exist", Guid.NewGuid().ToString("N"));
        using var host = BuildHost(missing);

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_configuration_the_labs_folder_next_to_the_solution_is_used()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddContent();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ContentOptions>>().Value;

        Assert.Equal(Repo.LabsDirectory, options.LabsDirectory);
        Assert.NotNull(provider.GetRequiredService<LabCatalog>().Find("deployments-101"));
    }

    [Fact]
    public void Two_labs_with_the_same_id_are_rejected_by_the_catalog()
    {
        using var temp = new TempLabs();
        var lab = new LabLoader().Load(temp.Write("sample", SampleLab.With("")));

        var ex = Assert.Throws<ArgumentException>(() => new LabCatalog([lab, lab]));
        Assert.Contains("Two labs have the id 'sample'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_every_malformed_lab_and_skips_drafts()
    {
        using var temp = new TempLabs();
        temp.Write("sample", SampleLab.With(""));
        temp.Write("broken-a", "no front matter\n");
        temp.Write("broken-b", SampleLab.FrontMatter);
        temp.Write("_draft", "not even close\n");

        var problems = LabCatalog.Validate(temp.LabsDirectory);

        Assert.Equal(
            [
                "labs/broken-a/lab.md:1:1: expected YAML front matter: the first line must be '---'",
                "labs/broken-b/lab.md:2:5: id 'sample' does not match the folder name 'broken-b'; rename one of them",
            ],
            problems.Select(p => p.Message));
        Assert.Empty(LabCatalog.Validate(Repo.LabsDirectory));
    }

    private static IHost BuildHost(string labsDirectory)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Content:LabsDirectory"] = labsDirectory;
        builder.Services.AddContent();
        return builder.Build();
    }
}
