using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Labs.Data.Tests;

/// <summary>
/// A throwaway PostgreSQL server for the tests: <c>initdb</c> into a temporary directory and <c>pg_ctl</c> on a free
/// port of 127.0.0.1 (no Unix socket outside that directory), stopped and deleted afterwards. PostgreSQL refuses to run
/// as root, so as root the server runs as the <c>postgres</c> user (or <c>nobody</c>) through <c>setpriv</c>.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Superuser = "labs";
    private string? _directory;
    private string? _binaries;

    /// <summary>The port the server listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>A connection string for a database of the server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database, Pooling = false }.ConnectionString;

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = "t" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    public async ValueTask InitializeAsync()
    {
        _binaries = FindBinaries();
        _directory = Directory.CreateTempSubdirectory("labs-pg-").FullName;
        var data = Path.Combine(_directory, "data");
        var runAs = Environment.IsPrivilegedProcess ? ServerUser() : null;
        if (runAs is not null)
        {
            // The unprivileged server user must reach and own its directory.
            File.SetUnixFileMode(_directory, (UnixFileMode)0b111_111_101);
            await RunAsync("chown", null, $"{runAs.Value.Uid}:{runAs.Value.Gid}", _directory);
        }

        await RunAsync(Path.Combine(_binaries, "initdb"), runAs, "-D", data, "-U", Superuser, "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C");
        Port = FreePort();
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {_directory} -c fsync=off -c full_page_writes=off";
        await RunAsync(Path.Combine(_binaries, "pg_ctl"), runAs, "-D", data, "-l", Path.Combine(_directory, "server.log"), "-o", options, "-w", "-t", "60", "start");
    }

    public async ValueTask DisposeAsync()
    {
        if (_directory is null || _binaries is null)
        {
            return;
        }

        var runAs = Environment.IsPrivilegedProcess ? ServerUser() : null;
        try
        {
            await RunAsync(Path.Combine(_binaries, "pg_ctl"), runAs, "-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run scripts/install-prerequisites.sh test, or apt-get install postgresql.");
    }

    private static (int Uid, int Gid)? ServerUser()
    {
        foreach (var user in new[] { "postgres", "nobody" })
        {
            var line = File.ReadLines("/etc/passwd").FirstOrDefault(l => l.StartsWith(user + ":", StringComparison.Ordinal));
            var fields = line?.Split(':');
            if (fields is { Length: > 3 } && int.TryParse(fields[2], out var uid) && int.TryParse(fields[3], out var gid))
            {
                return (uid, gid);
            }
        }

        throw new InvalidOperationException("Running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, (int Uid, int Gid)? asUser, params string[] arguments)
    {
        var start = new ProcessStartInfo(asUser is null ? program : "setpriv")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (asUser is not null)
        {
            foreach (var option in new[] { $"--reuid={asUser.Value.Uid}", $"--regid={asUser.Value.Gid}", "--clear-groups", "--reset-env", program })
            {
                start.ArgumentList.Add(option);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
