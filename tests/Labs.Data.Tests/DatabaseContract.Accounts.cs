using Labs.Data.Accounts;
using Labs.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Labs.Data.Tests;

/// <summary>Accounts (ASP.NET Core Identity's EF Core store) and the merge of an anonymous learner into one.</summary>
public abstract partial class DatabaseContract
{
    [Fact]
    public async Task The_learner_instructor_and_admin_roles_exist_from_the_migration_on()
    {
        var factory = await NewDatabaseAsync();
        await using var db = factory.CreateDbContext();
        var roles = await db.Roles.OrderBy(r => r.Name).Select(r => new { r.Name, r.NormalizedName }).ToListAsync(Cancel);
        Assert.Equal([("admin", "ADMIN"), ("instructor", "INSTRUCTOR"), ("learner", "LEARNER")], roles.Select(r => (r.Name, r.NormalizedName)));
    }

    [Fact]
    public async Task An_account_is_stored_under_its_learner_id_with_its_login_and_roles()
    {
        var factory = await NewDatabaseAsync();
        await Learners.EnsureAsync(factory, "learner-acct", T0, Cancel);
        await using (var db = factory.CreateDbContext())
        {
            using var store = new UserStore<LabsUser, IdentityRole, LabsDbContext>(db);
            var user = new LabsUser { Id = "learner-acct", UserName = "ada@example.org", NormalizedUserName = "ADA@EXAMPLE.ORG", Email = "ada@example.org", CreatedAt = T0 };
            Assert.True((await store.CreateAsync(user, Cancel)).Succeeded);
            await store.AddToRoleAsync(user, "INSTRUCTOR", Cancel);
            await store.AddLoginAsync(user, new UserLoginInfo("oidc", "subject-1", "Test IdP"), Cancel);
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = factory.CreateDbContext();
        using var reader = new UserStore<LabsUser, IdentityRole, LabsDbContext>(read);
        var found = await reader.FindByLoginAsync("oidc", "subject-1", Cancel);
        Assert.Equal("learner-acct", found?.Id);
        Assert.Equal(["instructor"], await reader.GetRolesAsync(found!, Cancel));
        Assert.Equal(T0, found!.CreatedAt);
    }

    [Fact]
    public async Task An_account_needs_its_learner_row()
    {
        var factory = await NewDatabaseAsync();
        await using var db = factory.CreateDbContext();
        db.Users.Add(new LabsUser { Id = "nobody-yet", UserName = "x", NormalizedUserName = "X" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Cancel));
    }

    [Fact]
    public async Task Merging_an_anonymous_learner_moves_their_sessions_check_runs_reveals_and_attempts_into_the_account()
    {
        var factory = await NewDatabaseAsync();
        var recorder = new ProgressRecorder(factory, new FakeClock(T0));
        await recorder.RecordCheckRunAsync(Run("account", "pods-101", "t1", passed: true), Cancel);
        await Learners.EnsureAsync(factory, "anon", T0, Cancel);
        await using (var db = factory.CreateDbContext())
        {
            db.Sessions.Add(Session("anon-s", "anon", "services-101", SessionState.Live, T0.AddHours(1)));
            await db.SaveChangesAsync(Cancel);
        }

        await recorder.RecordCheckRunAsync(Run("anon", "services-101", "t1", passed: true), Cancel);
        await recorder.RecordCheckRunAsync(Run("anon", "pods-101", "t2", passed: true), Cancel);
        await recorder.RecordRevealAsync(new Reveal { LearnerId = "anon", LabId = "pods-101", TaskId = "t2", Kind = RevealKind.Hint }, Cancel);
        await recorder.SaveExamAttemptAsync(new ExamAttempt { LearnerId = "anon", ExamId = "cka-mock", StartedAt = T0 }, Cancel);
        await recorder.RecordCheckRunAsync(Run("bystander", "pods-101", "t1", passed: true), Cancel);

        var moved = await LearnerMerge.MergeAsync(factory, "anon", "account", T0.AddMinutes(5), Cancel);

        Assert.Equal(new LearnerMergeResult(1, 2, 1, 1), moved);
        var progress = await new ProgressQueries(factory).LearnerProgressAsync("account", Cancel);
        Assert.Equal(
            [("pods-101", "t1,t2", 1), ("services-101", "t1", 0)],
            progress.Labs.Select(l => (l.LabId, string.Join(',', l.TasksPassed), l.HintsRevealed)));
        Assert.Equal("cka-mock", Assert.Single(progress.Exams).ExamId);
        await using var read = factory.CreateDbContext();
        Assert.Equal("account", (await read.Sessions.SingleAsync(s => s.Id == "anon-s", Cancel)).LearnerId);
        Assert.False(await read.Learners.AnyAsync(l => l.Id == "anon", Cancel));
        Assert.Empty((await new ProgressQueries(factory).LearnerProgressAsync("anon", Cancel)).Labs);
        Assert.Single((await new ProgressQueries(factory).LearnerProgressAsync("bystander", Cancel)).Labs);
    }

    [Fact]
    public async Task An_account_is_never_merged_away()
    {
        var factory = await NewDatabaseAsync();
        await Learners.EnsureAsync(factory, "has-account", T0, Cancel);
        await using (var db = factory.CreateDbContext())
        {
            db.Users.Add(new LabsUser { Id = "has-account", UserName = "a", NormalizedUserName = "A" });
            await db.SaveChangesAsync(Cancel);
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => LearnerMerge.MergeAsync(factory, "has-account", "other", T0, Cancel));
        Assert.Contains("has-account", refused.Message, StringComparison.Ordinal);
    }
}
