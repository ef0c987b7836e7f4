namespace Labs.Data;

/// <summary>Which database server holds the platform's data (<c>Data:Provider</c>).</summary>
public enum DataProvider
{
    /// <summary>A SQLite file; by default <c>&lt;data directory&gt;/labs.db</c>.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL server, reached by <c>Data:ConnectionString</c>.</summary>
    PostgreSql = 1,
}
