using Labs.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Labs.Data.Tests;

/// <summary>What the platform's database must do, on every provider: each provider's test class runs all of it.</summary>
public abstract partial class DatabaseContract
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A new, empty, migrated database.</summary>
    protected abstract Task<LabsDbContextFactory> NewDatabaseAsync();

    [Fact]
    public async Task A_session_is_stored_with_its_lab_namespace_state_and_times_and_found_again_by_state_and_expiry()
    {
        var factory = await NewDatabaseAsync();
        await Learners.EnsureAsync(factory, "learner-a", T0, Cancel);
        await using (var db = factory.CreateDbContext())
        {
            db.Sessions.Add(Session("s1", "learner-a", "pods-101", SessionState.Live, expires: T0.AddMinutes(60)));
            db.Sessions.Add(Session("s2", "learner-a", "services-101", SessionState.Live, expires: T0.AddMinutes(5)));
            db.Sessions.Add(Session("s3", "learner-a", "pods-101", SessionState.Finished, expires: T0.AddMinutes(1)));
            await db.SaveChangesAsync(Cancel);
        }

        await using var read = factory.CreateDbContext();
        var now = T0.AddMinutes(10);
        var expired = await read.Sessions.Where(s => s.State == SessionState.Live && s.ExpiresAt <= now).Select(s => s.Id).ToListAsync(Cancel);
        Assert.Equal(["s2"], expired);
        var s1 = await read.Sessions.SingleAsync(s => s.Id == "s1", Cancel);
        Assert.Equal(("pods-101", "lab-s1", "toolbox-s1", SessionState.Live), (s1.LabId, s1.Namespace, s1.ToolboxPod, s1.State));
        Assert.Equal(T0.AddMinutes(60), s1.ExpiresAt);
        Assert.Equal(T0, s1.CreatedAt);
        var ordered = await read.Sessions.OrderBy(s => s.ExpiresAt).Select(s => s.Id).ToListAsync(Cancel);
        Assert.Equal(["s3", "s2", "s1"], ordered);
    }

    [Fact]
    public async Task A_check_run_keeps_each_checks_outcome_and_points_in_order()
    {
        var factory = await NewDatabaseAsync();
        var recorder = new ProgressRecorder(factory, new FakeClock(T0));
        var run = Run("learner-a", "pods-101", "create-pod", passed: false);
        run.Outcomes.Add(new CheckOutcome { CheckIndex = 1, Description = "pod web runs", Passed = false, PointsPossible = 2, Message = "Pod web: expected Running, found Pending" });
        run.Outcomes.Add(new CheckOutcome { CheckIndex = 0, Description = "pod web exists", Passed = true, PointsEarned = 1, PointsPossible = 1 });
        var id = await recorder.RecordCheckRunAsync(run, Cancel);

        await using var db = factory.CreateDbContext();
        var stored = await db.CheckRuns.Include(r => r.Outcomes).SingleAsync(r => r.Id == id, Cancel);
        Assert.Equal(T0, stored.RanAt);
        Assert.Equal(
            [(0, "pod web exists", true, 1, 1, (string?)null), (1, "pod web runs", false, 0, 2, "Pod web: expected Running, found Pending")],
            stored.Outcomes.OrderBy(o => o.CheckIndex).Select(o => (o.CheckIndex, o.Description, o.Passed, o.PointsEarned, o.PointsPossible, o.Message)));
        Assert.True(await db.Learners.AnyAsync(l => l.Id == "learner-a", Cancel));
    }

    [Fact]
    public async Task Per_lab_completion_counts_learners_who_started_tried_passed_and_completed()
    {
        var factory = await NewDatabaseAsync();
        var recorder = new ProgressRecorder(factory, new FakeClock(T0));
        await Learners.EnsureAsync(factory, "only-started", T0, Cancel);
        await using (var db = factory.CreateDbContext())
        {
            db.Sessions.Add(Session("s9", "only-started", "pods-101", SessionState.Live, T0.AddHours(1)));
            await db.SaveChangesAsync(Cancel);
        }

        await recorder.RecordCheckRunAsync(Run("done", "pods-101", "t1", passed: false), Cancel);
        await recorder.RecordCheckRunAsync(Run("done", "pods-101", "t1", passed: true), Cancel);
        await recorder.RecordCheckRunAsync(Run("done", "pods-101", "t2", passed: true), Cancel);
        await recorder.RecordCheckRunAsync(Run("halfway", "pods-101", "t1", passed: true), Cancel);
        await recorder.RecordCheckRunAsync(Run("halfway", "pods-101", "t2", passed: false), Cancel);
        await recorder.RecordCheckRunAsync(Run("elsewhere", "services-101", "t1", passed: true), Cancel);

        var completion = await new ProgressQueries(factory).LabCompletionAsync("pods-101", ["t1", "t2"], Cancel);

        Assert.Equal(3, completion.LearnersStarted);
        Assert.Equal(1, completion.LearnersCompleted);
        Assert.Equal([("t1", 2, 2), ("t2", 2, 1)], completion.Tasks.Select(t => (t.TaskId, t.LearnersAttempted, t.LearnersPassed)));
    }

    [Fact]
    public async Task Per_learner_progress_shows_passed_tasks_best_points_reveals_and_exams()
    {
        var factory = await NewDatabaseAsync();
        var clock = new FakeClock(T0);
        var recorder = new ProgressRecorder(factory, clock);
        await recorder.RecordCheckRunAsync(Run("a", "pods-101", "t1", passed: false, points: 1), Cancel);
        clock.Now = T0.AddMinutes(3);
        await recorder.RecordCheckRunAsync(Run("a", "pods-101", "t1", passed: true, points: 3), Cancel);
        await recorder.RecordCheckRunAsync(Run("a", "pods-101", "t2", passed: false, points: 1), Cancel);
        clock.Now = T0.AddMinutes(7);
        await recorder.RecordRevealAsync(new Reveal { LearnerId = "a", LabId = "pods-101", TaskId = "t2", Kind = RevealKind.Hint }, Cancel);
        await recorder.RecordRevealAsync(new Reveal { LearnerId = "a", LabId = "pods-101", TaskId = "t2", Kind = RevealKind.Solution }, Cancel);
        var attempt = new ExamAttempt { LearnerId = "a", ExamId = "cka-mock", StartedAt = T0 };
        attempt.Answers.Add(new ExamAnswer { QuestionId = "q1", Answer = "kubectl drain", PointsEarned = 4, PointsPossible = 4 });
        attempt.Answers.Add(new ExamAnswer { QuestionId = "q2", PointsPossible = 6 });
        var attemptId = await recorder.SaveExamAttemptAsync(attempt, Cancel);
        attempt.SubmittedAt = T0.AddMinutes(30);
        (attempt.PointsEarned, attempt.PointsPossible, attempt.Passed) = (4, 10, false);
        await recorder.SaveExamAttemptAsync(attempt, Cancel);
        await recorder.RecordCheckRunAsync(Run("someone-else", "pods-101", "t2", passed: true), Cancel);

        var progress = await new ProgressQueries(factory).LearnerProgressAsync("a", Cancel);

        var lab = Assert.Single(progress.Labs);
        Assert.Equal(("pods-101", 3, 4, 1, 1, T0.AddMinutes(7)), (lab.LabId, lab.CheckRuns, lab.PointsEarned, lab.HintsRevealed, lab.SolutionsRevealed, lab.LastActivity));
        Assert.Equal(["t1"], lab.TasksPassed);
        var exam = Assert.Single(progress.Exams);
        Assert.Equal(("cka-mock", 4, 10, (bool?)false, (DateTimeOffset?)T0.AddMinutes(30)), (exam.ExamId, exam.PointsEarned, exam.PointsPossible, exam.Passed, exam.SubmittedAt));
        await using var db = factory.CreateDbContext();
        var answers = await db.ExamAnswers.Where(a => a.ExamAttemptId == attemptId).OrderBy(a => a.QuestionId).Select(a => a.Answer).ToListAsync(Cancel);
        Assert.Equal(["kubectl drain", null], answers);
    }

    [Fact]
    public async Task A_new_learner_arriving_in_many_requests_at_once_gets_one_row()
    {
        var factory = await NewDatabaseAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Learners.EnsureAsync(factory, "newcomer", T0.AddSeconds(i), Cancel), Cancel)));

        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.Learners.CountAsync(l => l.Id == "newcomer", Cancel));
    }

    [Fact]
    public async Task The_migrations_match_the_model()
    {
        var factory = await NewDatabaseAsync();
        await using var db = factory.CreateDbContext();
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add for both contexts.");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Cancel));
    }

    [Fact]
    public async Task Migrating_twice_changes_nothing_and_keeps_the_data()
    {
        var factory = await NewDatabaseAsync();
        await new ProgressRecorder(factory, new FakeClock(T0)).RecordCheckRunAsync(Run("a", "pods-101", "t1", passed: true), Cancel);
        await DatabaseMigrator.MigrateAsync(factory, Cancel);
        await using var db = factory.CreateDbContext();
        Assert.Equal(1, await db.CheckRuns.CountAsync(Cancel));
    }

    private static SessionRecord Session(string id, string learner, string lab, SessionState state, DateTimeOffset expires) => new()
    {
        Id = id, LearnerId = learner, LabId = lab, Namespace = $"lab-{id}", ToolboxPod = $"toolbox-{id}", ToolboxNamespace = "labs-system",
        State = state, CreatedAt = T0, StartedAt = T0, ExpiresAt = expires,
    };

    private static CheckRun Run(string learner, string lab, string task, bool passed, int points = 1) => new()
    {
        SessionId = "s-" + learner, LearnerId = learner, LabId = lab, TaskId = task, Passed = passed, PointsEarned = points, PointsPossible = 3,
    };
}
