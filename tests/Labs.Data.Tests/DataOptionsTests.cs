namespace Labs.Data.Tests;

public sealed class DataOptionsTests
{
    [Fact]
    public void PostgreSql_without_a_connection_string_is_refused_naming_both_settings()
    {
        var result = new DataOptionsValidator().Validate(null, new DataOptions { Provider = DataProvider.PostgreSql });
        Assert.True(result.Failed);
        Assert.Contains("Data:Provider is PostgreSql but Data:ConnectionString is empty", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Sqlite_with_a_data_directory_needs_no_connection_string()
    {
        Assert.True(new DataOptionsValidator().Validate(null, new DataOptions { DefaultDirectory = "/tmp/x" }).Succeeded);
    }
}
