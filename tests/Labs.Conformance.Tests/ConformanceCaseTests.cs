namespace Labs.Conformance.Tests;

/// <summary>Runs every case of <c>Cases/*.txt</c> with the real kubectl against the embedded cluster.</summary>
public sealed class ConformanceCaseTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    public static TheoryData<string> Cases() => [.. ConformanceFile.All().Select(c => c.ToString())];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_case_answers_as_a_real_cluster(string id)
    {
        var found = ConformanceFile.All().Single(c => c.ToString() == id);
        var ns = await k.CreateNamespaceAsync();
        foreach (var step in found.Steps)
        {
            var words = ShellWords.Split(step.Command.Replace("{{NS}}", ns, StringComparison.Ordinal));
            var args = new List<string> { "--namespace", ns };
            args.AddRange(words.Skip(1));
            var result = await k.RunWithInputAsync(step.Stdin?.Replace("{{NS}}", ns, StringComparison.Ordinal), [.. args]);
            var where = $"{found.File}:{step.Line} $ {step.Command}";
            if (step.Setup)
            {
                Assert.True(result.ExitCode == 0, $"{where}\nsetup failed: {result}");
                continue;
            }

            Assert.True(result.ExitCode == step.ExitCode, $"{where}\nexpected exit {step.ExitCode}, got {result}");
            if (OutputPattern.Mismatch(step.Stdout, result.Stdout, ns) is { } stdout)
            {
                Assert.Fail($"{where}\nstdout differs\n{stdout}\nstderr:\n{result.Stderr}");
            }

            if (OutputPattern.Mismatch(step.Stderr, result.Stderr, ns) is { } stderr)
            {
                Assert.Fail($"{where}\nstderr differs\n{stderr}");
            }
        }
    }
}
