using Microsoft.Extensions.Options;

namespace Labs.Data;

/// <summary>Refuses settings that cannot reach a database, naming the setting.</summary>
internal sealed class DataOptionsValidator : IValidateOptions<DataOptions>
{
    public ValidateOptionsResult Validate(string? name, DataOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail($"Data:Provider '{options.Provider}' is not one of: {string.Join(", ", Enum.GetNames<DataProvider>())}.");
        }

        if (options.Provider == DataProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Data:Provider is PostgreSql but Data:ConnectionString is empty: give the server's connection string (Host=...;Database=...;Username=...;Password=...).");
        }

        if (options.Provider == DataProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString) && string.IsNullOrWhiteSpace(options.DefaultDirectory))
        {
            return ValidateOptionsResult.Fail("Data:ConnectionString is empty and there is no data directory for the default SQLite file: set Data:ConnectionString (Data Source=/path/labs.db).");
        }

        return ValidateOptionsResult.Success;
    }
}
