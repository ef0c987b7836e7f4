using System.Diagnostics;
using System.Globalization;
using k8s;
using k8s.Models;

namespace Labs.Benchmarks;

/// <summary>
/// The workload figures of issue 6, against the embedded cluster (ten nodes) with its controllers, scheduler and kubelet running:
/// how long 1,000 pods of ten Deployments (nginx, each with a readiness probe) take to be Running and Ready, the
/// platform's CPU while an idle cluster holds 500 learner namespaces with a pod each and while those 1,000 pods are
/// probed every 10 s, and the managed memory per simulated pod. Printed as a table, a row as soon as it is measured;
/// pods that are not there in time are reported as a count, not hidden.
/// </summary>
internal static class WorkloadFigures
{
    private const int Deployments = 10;
    private const int Replicas = 100;
    private const int Namespaces = 500;
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(20);

    // A node runs at most 110 pods (the kubelet's maxPods): ten nodes hold the thousand.
    private const int Nodes = 10;

    public static async Task RunAsync()
    {
        await using var bench = await ClusterBench.StartAsync(Nodes);
        var client = bench.Client;
        Console.WriteLine();
        Console.WriteLine("| Workload figure | Measured | Target |");
        Console.WriteLine("| --- | --- | --- |");
        void Row(string name, string measured, string target) => Console.WriteLine($"| {name} | {measured} | {target} |");

        // 500 learner namespaces, a simulated nginx in each, then nothing happens.
        var before = ManagedBytes();
        for (var i = 0; i < Namespaces; i++)
        {
            var ns = $"learner-{i}";
            await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            await client.CoreV1.CreateNamespacedPodAsync(new V1Pod
            {
                Metadata = new V1ObjectMeta { Name = "web" },
                Spec = new V1PodSpec { Containers = [new V1Container { Name = "web", Image = "nginx:1.27" }] },
            }, ns);
        }

        var clock = Stopwatch.StartNew();
        var readyCount = await WaitAsync(client, null, "learner-", Namespaces, ready: true, TimeSpan.FromMinutes(10));
        Row($"{Namespaces} pods, one in each of {Namespaces} new namespaces, Ready (from the first create)", Progress(readyCount, Namespaces, clock.Elapsed), "-");
        var perPod = (ManagedBytes() - before) / (double)Namespaces;
        Row($"Platform CPU, idle cluster with {Namespaces} namespaces (one running pod each), over {IdleWindow.TotalSeconds:0} s",
            $"{await CpuPercentAsync(IdleWindow):0.0} % of a core", "≈ 0");
        Row("Managed memory per simulated running pod (object, status, events, kubelet state)", $"{perPod / 1024:0} KiB", "≤ 1 MiB");

        // 1,000 pods of ten Deployments in one namespace, each with a readiness probe.
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "thousand" } });
        clock.Restart();
        for (var d = 0; d < Deployments; d++)
        {
            var labels = new Dictionary<string, string> { ["app"] = $"web-{d}" };
            await client.AppsV1.CreateNamespacedDeploymentAsync(new V1Deployment
            {
                Metadata = new V1ObjectMeta { Name = $"web-{d}" },
                Spec = new V1DeploymentSpec
                {
                    Replicas = Replicas,
                    Selector = new V1LabelSelector { MatchLabels = labels },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = labels },
                        Spec = new V1PodSpec
                        {
                            Containers =
                            [
                                new V1Container
                                {
                                    Name = "web",
                                    Image = "nginx:1.27",
                                    ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/", Port = 80 }, PeriodSeconds = 10 },
                                },
                            ],
                        },
                    },
                },
            }, "thousand");
        }

        const int Pods = Deployments * Replicas;
        var running = await WaitAsync(client, "thousand", null, Pods, ready: false, PodsLimit);
        Row($"{Pods} pods of {Deployments} Deployments reach Running (from the first create)", Progress(running, Pods, clock.Elapsed), "< 2 s");
        var ready = await WaitAsync(client, "thousand", null, Pods, ready: true, PodsLimit);
        Row("... and Ready (their first readiness probe passed)", Progress(ready, Pods, clock.Elapsed), "-");
        Row($"Platform CPU with those pods probed every 10 s, over {IdleWindow.TotalSeconds:0} s", $"{await CpuPercentAsync(IdleWindow):0.0} % of a core", "-");
    }

    private static readonly TimeSpan PodsLimit = TimeSpan.FromMinutes(5);

    private static string Progress(int done, int wanted, TimeSpan at) =>
        done >= wanted
            ? string.Create(CultureInfo.InvariantCulture, $"{at.TotalSeconds:0.00} s")
            : string.Create(CultureInfo.InvariantCulture, $"only {done} of {wanted} after {at.TotalSeconds:0} s");

    // Waits until that many pods (in a namespace, or in namespaces with a prefix) are Running, or Ready, or the limit
    // passes; answers how many were.
    private static async Task<int> WaitAsync(Kubernetes client, string? ns, string? prefix, int count, bool ready, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (clock.Elapsed < limit)
        {
            var pods = ns is null ? await client.CoreV1.ListPodForAllNamespacesAsync() : await client.CoreV1.ListNamespacedPodAsync(ns);
            done = pods.Items.Count(p => (prefix is null || p.Metadata.NamespaceProperty.StartsWith(prefix, StringComparison.Ordinal)) &&
                (ready ? p.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true : p.Status?.Phase == "Running"));
            if (done >= count)
            {
                return done;
            }

            await Task.Delay(200);
        }

        return done;
    }

    private static async Task<double> CpuPercentAsync(TimeSpan window)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        await Task.Delay(window);
        process.Refresh();
        return (process.TotalProcessorTime - cpu).TotalMilliseconds / window.TotalMilliseconds * 100;
    }

    private static long ManagedBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
