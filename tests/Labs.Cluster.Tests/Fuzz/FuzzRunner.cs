using System.Diagnostics;
using System.Text;

namespace Labs.Cluster.Tests.Fuzz;

/// <summary>
/// Runs a bounded number of fuzz inputs, each under a time limit, and fails on the first input that throws anything
/// but the expected refusal or does not finish (a hang or super-linear blow-up), naming the input so it can be replayed.
/// </summary>
internal static class FuzzRunner
{
    /// <summary>Per input: generous for a busy two-core machine, far below what a hang or quadratic blow-up takes.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(30);

    /// <summary>Runs <paramref name="check"/> on each input; exceptions <paramref name="expected"/> accepts are refusals, not failures.</summary>
    /// <returns>How many inputs were refused (so tests can tell that the mutator reached both outcomes).</returns>
    public static async Task<int> RunAsync<T>(string target, IEnumerable<T> inputs, Func<T, string> describe, Action<T> check, Func<Exception, bool> expected)
    {
        var refused = 0;
        var index = 0;
        var total = Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            var work = Task.Run(() =>
            {
                try
                {
                    check(input);
                    return (Exception?)null;
                }
#pragma warning disable CA1031 // Every exception is an outcome to classify here.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    return e;
                }
            });
            if (await Task.WhenAny(work, Task.Delay(PerInput, TestContext.Current.CancellationToken)) != work)
            {
                Assert.Fail($"{target}: input {index} did not finish within {PerInput.TotalSeconds} s: {describe(input)}");
            }

            var error = await work;
            if (error is not null && !expected(error))
            {
                Assert.Fail($"{target}: input {index} threw {error.GetType().Name}: {error.Message}\ninput: {describe(input)}\n{error.StackTrace}");
            }

            refused += error is null ? 0 : 1;
            index++;
        }

        Assert.True(index > 0, $"{target}: no inputs");
        TestContext.Current.SendDiagnosticMessage($"{target}: {index} inputs, {refused} refused, {total.ElapsedMilliseconds} ms");
        return refused;
    }

    /// <summary>A short printable form of bytes: text where it is text, escapes elsewhere, cut at 300 characters.</summary>
    public static string Show(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes.Take(300))
        {
            text.Append(b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"\\x{b:x2}");
        }

        return bytes.Length > 300 ? $"{text}... ({bytes.Length} bytes)" : text.ToString();
    }
}
