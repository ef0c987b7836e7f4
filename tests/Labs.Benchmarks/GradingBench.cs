using k8s;
using k8s.Models;
using Labs.Content;
using Labs.Grading;
using Labs.Kube;

namespace Labs.Benchmarks;

/// <summary>
/// A learner's namespace on the embedded cluster as a solved lab leaves it (a rolled-out Deployment web of 2 nginx
/// replicas, 17 ConfigMaps), and the grader the platform uses, for the grading benchmarks.
/// </summary>
internal sealed class GradingBench : IAsyncDisposable
{
    public const string Namespace = "bench-grading";
    private const int ExamTasks = 17;

    private GradingBench(ClusterBench cluster, Grader grader, Lab lab)
    {
        Cluster = cluster;
        Grader = grader;
        Lab = lab;
    }

    public ClusterBench Cluster { get; }

    public Grader Grader { get; }

    /// <summary>deployments-101's task and a 17-task exam over the ConfigMaps.</summary>
    public Lab Lab { get; }

    public static async Task<GradingBench> StartAsync()
    {
        var cluster = await ClusterBench.StartAsync();
        var kube = cluster.Client;
        await kube.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = Namespace } });
        for (var i = 1; i <= ExamTasks; i++)
        {
            await kube.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"cm-{i}", Labels = new Dictionary<string, string> { ["exam"] = "bench" } }, Data = new Dictionary<string, string> { ["answer"] = $"{i}" } }, Namespace);
        }
        await kube.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string> { ["app"] = "web" } },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = "nginx" }] },
                },
            },
        }, Namespace);

        var objects = new KubeObjects(kube, new KindCatalog(kube));
        var grader = new Grader(objects, kube, new PodExec(kube));
        var lab = LoadLab();
        // The Deployment must be rolled out before grading is measured: wait for the task to pass once.
        var task = lab.FindTask("web-deployment")!;
        var result = await grader.CheckAsync(task, new GradingTarget(Namespace), GradeOptions.Default);
        if (!result.Passed)
            throw new InvalidOperationException($"The benchmark's Deployment did not roll out: {string.Join("; ", result.Messages)}");
        return new GradingBench(cluster, grader, lab);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();

    private static Lab LoadLab()
    {
        var root = Directory.CreateTempSubdirectory("labs-bench-lab-").FullName;
        try
        {
            var dir = Path.Combine(root, "bench-exam");
            Directory.CreateDirectory(dir);
            var tasks = string.Concat(Enumerable.Range(1, ExamTasks).Select(i => $"""
                ```task
                id: q{i}
                title: Question {i}
                checks:
                  - resource: v1/ConfigMap/cm-{i}
                    expect: {"{"}data: {"{"}answer: "{i}"{"}"}{"}"}
                  - resource: v1/ConfigMap/cm-{i}
                    jsonpath: .metadata.labels.exam
                    equals: bench
                  - count: v1/ConfigMap
                    labels: exam=bench
                    gte: {ExamTasks}
                ```

                """));
            File.WriteAllText(Path.Combine(dir, "lab.md"), $"""
                ---
                id: bench-exam
                title: Benchmark exam
                summary: 17 tasks.
                difficulty: advanced
                duration: 2h
                kind: exam
                ---
                ```task
                id: web-deployment
                title: Deployment web runs 2 nginx replicas
                checks:
                  - resource: apps/v1/Deployment/web
                    expect: {"{"}spec: {"{"}replicas: 2, template: {"{"}spec: {"{"}containers: [{"{"}name: nginx, image: nginx{"}"}]{"}"}{"}"}{"}"}{"}"}
                  - resource: apps/v1/Deployment/web
                    condition: rolledOut
                    timeout: 2m
                  - resource: apps/v1/Deployment/web
                    jsonpath: .spec.template.spec.containers[*].image
                    every: {"{"}matches: '^nginx'{"}"}
                ```

                {tasks}
                """);
            return new LabLoader().Load(dir);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
