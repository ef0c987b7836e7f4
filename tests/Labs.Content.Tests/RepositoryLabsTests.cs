using Labs.Content.Checks;

namespace Labs.Content.Tests;

public sealed class RepositoryLabsTests
{
    [Fact]
    public void Every_lab_in_the_repository_is_valid()
    {
        // LabCatalog.Load throws LabFormatException with file:line:column for the first malformed lab.
        var catalog = LabCatalog.Load(Repo.LabsDirectory);

        Assert.NotEmpty(catalog.All);
        foreach (var lab in catalog.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(lab.LessonHtml), $"{lab.Id} has an empty lesson");
            Assert.True(lab.Kind == LabKind.Lesson || lab.Tasks.Count > 0, $"{lab.Id} is an exam without tasks");
        }
    }

    [Fact]
    public void Deployments_101_has_its_task_check_and_solution()
    {
        var lab = LabCatalog.Load(Repo.LabsDirectory).Find("deployments-101");

        Assert.NotNull(lab);
        Assert.Equal("Deployments 101", lab.Title);
        Assert.Equal(["web-deployment", "web-service"], lab.Tasks.Select(t => t.Id));
        var task = lab.Tasks[0];
        Assert.Equal("Deployment web runs 2 nginx replicas", task.Title);
        var check = Assert.IsType<ResourceCheck>(task.Checks[0]);
        Assert.Equal("apps/v1/Deployment/web", check.Target.Reference);
        Assert.Equal(2L, (long)check.Expect!["spec"]!["replicas"]!);
        Assert.Equal(WaitCondition.RolledOut, Assert.IsType<ConditionCheck>(task.Checks[1]).Condition);
        Assert.Equal(["create", "expose", "how-it-works"], lab.Steps.Select(s => s.Id).Order(StringComparer.Ordinal));
        Assert.Equal("create", task.StepId);
        Assert.Equal("nginx", (string)check.Expect["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!);
        Assert.NotNull(lab.SolutionScript);
        Assert.Contains("kubectl create deployment web --image=nginx --replicas=2", File.ReadAllText(lab.SolutionScript), StringComparison.Ordinal);
        Assert.Contains("<section class=\"task\" data-task-id=\"web-deployment\" data-points=\"3\">", lab.LessonHtml, StringComparison.Ordinal);
        Assert.Contains("<pre class=\"run\"><code class=\"language-bash\">kubectl get deploy,rs,pods\n</code></pre>", lab.LessonHtml, StringComparison.Ordinal);
        var reach = Assert.IsType<ReachCheck>(lab.Tasks[1].Checks[2]);
        Assert.Equal("http://web.$NAMESPACE.svc/", reach.Url);
        Assert.Equal("expose", lab.Tasks[1].StepId);
    }

    [Fact]
    public void ConfigMaps_101_lists_its_setup_manifest_and_absent_check()
    {
        var lab = LabCatalog.Load(Repo.LabsDirectory).Find("configmaps-101");

        Assert.NotNull(lab);
        Assert.Equal(["settings", "no-legacy"], lab.Tasks.Select(t => t.Id));
        Assert.EndsWith(Path.Combine("setup", "legacy.yaml"), Assert.Single(lab.SetupManifests), StringComparison.Ordinal);
        Assert.True(Assert.IsType<ResourceCheck>(lab.Tasks[1].Checks[0]).Absent);
        Assert.NotNull(lab.SolutionScript);
    }
}
