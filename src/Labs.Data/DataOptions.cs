namespace Labs.Data;

/// <summary>Where the platform keeps learners, sessions and progress. Bound from the configuration section <c>Data</c>.</summary>
public sealed class DataOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Data";

    /// <summary>The file name of the default SQLite database in the data directory.</summary>
    public const string DefaultFileName = "labs.db";

    /// <summary>Which database: <c>Sqlite</c> (default) or <c>PostgreSql</c>.</summary>
    public DataProvider Provider { get; set; } = DataProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string. Default: none, meaning the SQLite file <c>&lt;data directory&gt;/labs.db</c>;
    /// required for PostgreSQL (e.g. <c>Host=db;Database=labs;Username=labs;Password=...</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The directory of the default SQLite file; set by the host from its data directory.</summary>
    public string? DefaultDirectory { get; set; }

    /// <summary>Whether start-up applies pending migrations. Default true.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
