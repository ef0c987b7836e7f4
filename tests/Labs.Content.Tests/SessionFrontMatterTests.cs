namespace Labs.Content.Tests;

/// <summary>The front matter fields a lab's sessions use: <c>expiry</c> and <c>clusterViews</c>.</summary>
public sealed class SessionFrontMatterTests
{
    private static string With(string line) =>
        SampleLab.With(string.Empty).Replace("tags: [testing]\n", $"tags: [testing]\n{line}\n", StringComparison.Ordinal);

    [Fact]
    public void A_lab_without_them_has_the_platforms_default_expiry_and_no_cluster_views()
    {
        using var labs = new TempLabs();
        var lab = new LabLoader().Load(labs.Write("sample", SampleLab.With(string.Empty)));

        Assert.Null(lab.Expiry);
        Assert.Empty(lab.ClusterViews);
    }

    [Fact]
    public void A_lab_sets_its_expiry_as_a_duration_and_the_cluster_views_it_needs()
    {
        using var labs = new TempLabs();
        var lab = new LabLoader().Load(labs.Write("sample", With("expiry: 1h30m\nclusterViews: [nodes, storageclasses]")));

        Assert.Equal(TimeSpan.FromMinutes(90), lab.Expiry);
        Assert.Equal(["nodes", "storageclasses"], lab.ClusterViews);
    }

    [Fact]
    public void A_bad_expiry_is_reported_where_it_is_written()
    {
        var ex = Assert.Throws<LabFormatException>(() => LabLoader.Parse(With("expiry: soon"), "labs/sample/lab.md", "sample"));

        Assert.Equal("labs/sample/lab.md:8:9: expiry 'soon' is not a duration like 20m, 2h or 1h30m", ex.Message);
    }

    [Fact]
    public void A_cluster_view_that_is_not_allowed_is_refused_with_the_allowed_names()
    {
        var ex = Assert.Throws<LabFormatException>(() => LabLoader.Parse(With("clusterViews: [nodes, secrets]"), "labs/sample/lab.md", "sample"));

        Assert.Contains("clusterViews: 'secrets' is not one of: nodes, namespaces,", ex.Message, StringComparison.Ordinal);
    }
}
