using Labs.Data;
using Labs.Data.Accounts;
using Labs.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Labs.Web.Accounts;

/// <summary>
/// Which learners are instructors and admins, from the database: read at start-up, again after every role change made
/// here, and every <see cref="RefreshPeriod"/> for changes made by another instance on a shared database. The instructor
/// and admin endpoints and the session reads ask it, not the cookie's claims, so a role taken back counts at once.
/// </summary>
public sealed partial class RoleDirectory(IDbContextFactory<LabsDbContext> contexts, TimeProvider time, ILogger<RoleDirectory> logger)
    : BackgroundService, ISessionOverseers
{
    /// <summary>How often the roles are read again.</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(30);

    private volatile Dictionary<string, string[]> _roles = new(StringComparer.Ordinal);

    /// <summary>The roles of a learner above learner (instructor, admin), empty for none.</summary>
    public IReadOnlyList<string> RolesOf(string? learnerId) =>
        learnerId is not null && _roles.TryGetValue(learnerId, out var roles) ? roles : [];

    /// <summary>Whether the learner holds <paramref name="role"/>.</summary>
    public bool IsIn(string? learnerId, string role) => RolesOf(learnerId).Contains(role, StringComparer.Ordinal);

    /// <inheritdoc />
    public bool SeesEveryone(string learnerId) => RolesOf(learnerId).Any(r => LabsRoles.Overseers.Contains(r, StringComparer.Ordinal));

    /// <summary>Reads the roles from the database now.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name != LabsRoles.Learner)
            .ToListAsync(cancellationToken);
        _roles = rows.GroupBy(x => x.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the host serves a request: the first instructor request must already find its role.
        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshPeriod, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
            {
                LogRefreshFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the accounts' roles; the last ones read stay in force")]
    private partial void LogRefreshFailed(Exception exception);
}
