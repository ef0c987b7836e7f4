using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Labs.Cluster.Storage;

/// <summary>
/// Why the store file cannot be used, said so that whoever runs the platform can act: which file, what is wrong,
/// what to do. A damaged store stops the start-up: silently starting empty would lose every object it holds.
/// </summary>
internal static class StoreFileErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    public static ClusterSetupException From(string path, SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteCorrupt => Damaged(path, e.Message, e),
        SqliteNotADatabase => Damaged(path, "it is not a SQLite database (or its first page is damaged)", e),
        SqliteBusy or SqliteLocked => new ClusterSetupException(
            $"the embedded cluster's store {path} is in use by another process (another Labs platform with the same data directory?): " +
            "stop that one, or give this one another Cluster:DataDirectory", e),
        SqliteFull => CannotOpen(path, "the disk is full", e),
        SqliteReadOnly or SqliteCantOpen or SqliteIoError => CannotOpen(path, e.Message, e),
        _ => CannotOpen(path, e.Message, e),
    };

    public static ClusterSetupException Damaged(string path, string problem, Exception? inner = null) => new(
        $"the embedded cluster's store {path} is damaged: {problem}. The cluster does not start rather than lose the objects it holds: " +
        $"restore the file from a backup, or move it (with {Path.GetFileName(path)}-wal beside it, if any) out of the way to start with an empty cluster",
        inner ?? new InvalidDataException(problem));

    public static ClusterSetupException NotAStore(string path, long applicationId) => new(
        $"the embedded cluster's store {path} is a SQLite database of something else (application_id 0x{applicationId.ToString("X8", CultureInfo.InvariantCulture)}, " +
        $"a Labs store has 0x{SqliteJournal.ApplicationId.ToString("X8", CultureInfo.InvariantCulture)}): move it out of the way or choose another Cluster:DataDirectory");

    public static ClusterSetupException TooNew(string path, long version) => new(
        $"the embedded cluster's store {path} was written by a newer Labs (store format {version.ToString(CultureInfo.InvariantCulture)}; " +
        $"this one reads format {SqliteJournal.FormatVersion.ToString(CultureInfo.InvariantCulture)}): run that newer version, or restore a backup made by this one");

    public static ClusterSetupException CannotOpen(string path, string problem, Exception? inner = null) => new(
        $"the embedded cluster's store {path} cannot be opened: {problem}. Check that the platform's user may read and write " +
        $"{Path.GetDirectoryName(path)} and that its disk has room",
        inner ?? new IOException(problem));
}
