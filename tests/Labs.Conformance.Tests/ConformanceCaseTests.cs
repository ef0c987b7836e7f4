namespace Labs.Conformance.Tests;

/// <summary>
/// Runs every case of <c>Cases/*.txt</c> with one kubectl build against an embedded cluster of its own; a subclass per
/// build that the version skew policy allows for a v1.32 server (one minor older and newer), so the builds run side by side.
/// </summary>
public abstract class ConformanceCaseTests(KubectlCluster k, string kubectlVersion)
{
    public static TheoryData<string> Cases() => [.. ConformanceFile.All().Select(c => c.ToString())];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_case_answers_as_a_real_cluster(string id)
    {
        var build = $"/usr/lib/google-cloud-sdk/bin/kubectl.{kubectlVersion}";
        if (!File.Exists(build))
        {
            Assert.Skip($"{build} is not installed on this machine");
        }

        var kubectl = Named(build);

        var found = ConformanceFile.All().Single(c => c.ToString() == id);
        var ns = await k.CreateNamespaceAsync();
        foreach (var step in found.Steps)
        {
            var words = ShellWords.Split(step.Command.Replace("{{NS}}", ns, StringComparison.Ordinal));
            var args = new List<string> { "--namespace", ns };
            args.AddRange(words.Skip(1));
            var result = await k.RunWithInputAsync(kubectl, step.Stdin?.Replace("{{NS}}", ns, StringComparison.Ordinal), [.. args]);
            var where = $"{found.File}:{step.Line} (kubectl {kubectlVersion}) $ {step.Command}";
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

    // kubectl names itself in its user agent by the name it was run as, and the user agent is the field manager of
    // writes without --field-manager (kubectl scale): run each build as "kubectl", as a learner does.
    private static string Named(string build)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"labs-kubectl-{Environment.UserName}", Path.GetFileName(build));
        var link = Path.Combine(dir, "kubectl");
        if (!File.Exists(link))
        {
            Directory.CreateDirectory(dir);
            try
            {
                File.CreateSymbolicLink(link, build);
            }
            catch (IOException) when (File.Exists(link))
            {
                // Another build's tests made it at the same moment.
            }
        }

        return link;
    }
}

/// <summary>The cases with kubectl 1.31.</summary>
public sealed class ConformanceCasesKubectl131(KubectlCluster k) : ConformanceCaseTests(k, "1.31"), IClassFixture<KubectlCluster>;

/// <summary>The cases with kubectl 1.32, the server's own minor version.</summary>
public sealed class ConformanceCasesKubectl132(KubectlCluster k) : ConformanceCaseTests(k, "1.32"), IClassFixture<KubectlCluster>;

/// <summary>The cases with kubectl 1.33.</summary>
public sealed class ConformanceCasesKubectl133(KubectlCluster k) : ConformanceCaseTests(k, "1.33"), IClassFixture<KubectlCluster>;
