namespace Labs.Content.Tests;

public sealed class BudgetFrontMatterTests
{
    private static string WithBudget(string line) =>
        SampleLab.With(string.Empty).Replace("tags: [testing]\n", $"tags: [testing]\n{line}\n", StringComparison.Ordinal);

    [Fact]
    public void A_lab_without_a_budget_gets_the_small_one()
    {
        var parsed = LabLoader.Parse(SampleLab.With(string.Empty), "labs/sample/lab.md", "sample");

        Assert.Equal(LabBudget.Small, parsed.FrontMatter.Budget);
    }

    [Theory]
    [InlineData("small", LabBudget.Small)]
    [InlineData("medium", LabBudget.Medium)]
    [InlineData("large", LabBudget.Large)]
    public void A_lab_chooses_its_budget_by_name(string name, LabBudget expected)
    {
        var parsed = LabLoader.Parse(WithBudget($"budget: {name}"), "labs/sample/lab.md", "sample");

        Assert.Equal(expected, parsed.FrontMatter.Budget);
    }

    [Fact]
    public void An_unknown_budget_is_reported_where_it_is_written_with_the_allowed_names()
    {
        var ex = Assert.Throws<LabFormatException>(() => LabLoader.Parse(WithBudget("budget: huge"), "labs/sample/lab.md", "sample"));

        Assert.Equal("labs/sample/lab.md:8:9: budget 'huge' is not one of: small, medium, large", ex.Message);
    }

    [Fact]
    public void A_loaded_lab_exposes_its_budget()
    {
        using var labs = new TempLabs();
        var directory = labs.Write("sample", WithBudget("budget: large"));

        Assert.Equal(LabBudget.Large, new LabLoader().Load(directory).Budget);
    }
}
