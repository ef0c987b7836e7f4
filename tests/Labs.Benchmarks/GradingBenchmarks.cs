using BenchmarkDotNet.Attributes;
using Labs.Content;
using Labs.Grading;

namespace Labs.Benchmarks;

/// <summary>
/// Grading on the embedded cluster as a learner's Check press does it: one task (a partial object, a rolled-out
/// condition and a JSONPath assertion), and a 17-task exam graded end to end (51 checks and the Deployment task;
/// target below 300 ms).
/// </summary>
[GradingJob]
public class GradingBenchmarks
{
    private GradingBench _bench = null!;
    private LabTask _task = null!;
    private Lab _exam = null!;
    private GradingTarget _target = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bench = GradingBench.StartAsync().GetAwaiter().GetResult();
        _task = _bench.Lab.FindTask("web-deployment")!;
        _exam = _bench.Lab;
        _target = new GradingTarget(GradingBench.Namespace);
    }

    [Benchmark(Description = "Grade one task (3 checks)")]
    public async Task GradeOneTaskAsync()
    {
        var result = await _bench.Grader.CheckAsync(_task, _target, GradeOptions.Default);
        if (!result.Passed)
            throw new InvalidOperationException(string.Join("; ", result.Messages));
    }

    [Benchmark(Description = "Grade a 17-task exam end to end (+1 task, 54 checks)")]
    public async Task GradeExamAsync()
    {
        var results = await _bench.Grader.CheckAllAsync(_exam, _target, GradeOptions.Default);
        var score = ExamScorer.Score(_exam, results);
        if (score.Percent != 100)
            throw new InvalidOperationException($"The exam scored {score.Percent}%: {string.Join("; ", results.SelectMany(r => r.Messages))}");
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
