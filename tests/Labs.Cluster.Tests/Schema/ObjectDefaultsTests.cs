using System.Text.Json.Nodes;
using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class ObjectDefaultsTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Defaulted(string apiVersion, string kind, string json)
    {
        JsonObject obj = Parse(json);
        ObjectDefaults.Apply(apiVersion, kind, obj);
        return obj;
    }

    [Fact]
    public void A_minimal_pod_gets_the_defaults_a_real_api_server_adds()
    {
        var pod = Defaulted("v1", "Pod", """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx","ports":[{"containerPort":80}]}]}}""");

        var spec = pod["spec"]!;
        Assert.Equal("Always", (string?)spec["restartPolicy"]);
        Assert.Equal("ClusterFirst", (string?)spec["dnsPolicy"]);
        Assert.Equal("default-scheduler", (string?)spec["schedulerName"]);
        Assert.Equal(30, (int)spec["terminationGracePeriodSeconds"]!);
        Assert.Equal("{}", spec["securityContext"]!.ToJsonString());
        Assert.Equal("default", (string?)spec["serviceAccountName"]);
        Assert.True((bool)spec["enableServiceLinks"]!);
        Assert.Equal(0, (int)spec["priority"]!);
        Assert.Equal("PreemptLowerPriority", (string?)spec["preemptionPolicy"]);
        var container = spec["containers"]![0]!;
        Assert.Equal("Always", (string?)container["imagePullPolicy"]);
        Assert.Equal("/dev/termination-log", (string?)container["terminationMessagePath"]);
        Assert.Equal("File", (string?)container["terminationMessagePolicy"]);
        Assert.Equal("{}", container["resources"]!.ToJsonString());
        Assert.Equal("TCP", (string?)container["ports"]![0]!["protocol"]);
        var tolerations = spec["tolerations"]!.AsArray();
        Assert.Equal(["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"], tolerations.Select(t => (string?)t!["key"]));
        Assert.All(tolerations, t => Assert.Equal("300", t!["tolerationSeconds"]!.ToJsonString()));
        Assert.Equal("Pending", (string?)pod["status"]!["phase"]);
        Assert.Equal("BestEffort", (string?)pod["status"]!["qosClass"]);
    }

    [Theory]
    [InlineData("nginx", "Always")]
    [InlineData("nginx:latest", "Always")]
    [InlineData("nginx:1.25", "IfNotPresent")]
    [InlineData("localhost:5000/app", "Always")]
    [InlineData("localhost:5000/app:v2", "IfNotPresent")]
    [InlineData("nginx@sha256:abc", "IfNotPresent")]
    public void Image_pull_policy_depends_on_the_tag(string image, string expected)
    {
        Assert.Equal(expected, ObjectDefaults.PullPolicyFor(image));
    }

    [Fact]
    public void Values_that_are_already_set_are_kept()
    {
        var pod = Defaulted("v1", "Pod", """{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"nginx","imagePullPolicy":"Never"}]}}""");

        Assert.Equal("Never", (string?)pod["spec"]!["restartPolicy"]);
        Assert.Equal("Never", (string?)pod["spec"]!["containers"]![0]!["imagePullPolicy"]);
    }

    [Fact]
    public void A_deployment_gets_replicas_strategy_history_and_template_defaults_but_no_admission_defaults()
    {
        var deployment = Defaulted("apps/v1", "Deployment", """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:1.25"}]}}}}""");

        var spec = deployment["spec"]!;
        Assert.Equal(1, (int)spec["replicas"]!);
        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}}""", spec["strategy"]!.ToJsonString());
        Assert.Equal(10, (int)spec["revisionHistoryLimit"]!);
        Assert.Equal(600, (int)spec["progressDeadlineSeconds"]!);
        var podSpec = spec["template"]!["spec"]!;
        Assert.Equal("Always", (string?)podSpec["restartPolicy"]);
        Assert.Equal("IfNotPresent", (string?)podSpec["containers"]![0]!["imagePullPolicy"]);
        Assert.Null(podSpec["serviceAccountName"]);
        Assert.Null(podSpec["tolerations"]);
    }

    [Fact]
    public void A_job_and_a_cron_job_get_their_controller_defaults()
    {
        var job = Defaulted("batch/v1", "Job", """{"spec":{"template":{"spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox"}]}}}}""");
        var cron = Defaulted("batch/v1", "CronJob", """{"spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[]}}}}}}""");

        var spec = job["spec"]!;
        Assert.Equal(1, (int)spec["completions"]!);
        Assert.Equal(1, (int)spec["parallelism"]!);
        Assert.Equal(6, (int)spec["backoffLimit"]!);
        Assert.Equal("NonIndexed", (string?)spec["completionMode"]);
        Assert.Equal("Never", (string?)spec["template"]!["spec"]!["restartPolicy"]);
        Assert.Equal("Allow", (string?)cron["spec"]!["concurrencyPolicy"]);
        Assert.Equal(3, (int)cron["spec"]!["successfulJobsHistoryLimit"]!);
        Assert.Equal(6, (int)cron["spec"]!["jobTemplate"]!["spec"]!["backoffLimit"]!);
    }

    [Fact]
    public void Defaults_can_read_the_kind_from_the_object_itself()
    {
        var secret = Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}""");

        ObjectDefaults.Apply(secret);

        Assert.Equal("Opaque", (string?)secret["type"]);
    }

    [Fact]
    public void Daemon_sets_stateful_sets_claims_and_network_policies_get_their_defaults()
    {
        var ds = Defaulted("apps/v1", "DaemonSet", """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x:1"}]}}}}""");
        var sts = Defaulted("apps/v1", "StatefulSet", """{"spec":{"volumeClaimTemplates":[{"spec":{}}],"template":{"spec":{"containers":[]}}}}""");
        var pvc = Defaulted("v1", "PersistentVolumeClaim", """{"spec":{"accessModes":["ReadWriteOnce"]}}""");
        var netpol = Defaulted("networking.k8s.io/v1", "NetworkPolicy", """{"spec":{"podSelector":{},"egress":[{"ports":[{"port":53}]}]}}""");

        Assert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":1,"maxSurge":0}}""", ds["spec"]!["updateStrategy"]!.ToJsonString());
        Assert.Equal("OrderedReady", (string?)sts["spec"]!["podManagementPolicy"]);
        Assert.Equal("Filesystem", (string?)sts["spec"]!["volumeClaimTemplates"]![0]!["spec"]!["volumeMode"]);
        Assert.Equal("Filesystem", (string?)pvc["spec"]!["volumeMode"]);
        Assert.Equal("""["Ingress","Egress"]""", netpol["spec"]!["policyTypes"]!.ToJsonString());
        Assert.Equal("TCP", (string?)netpol["spec"]!["egress"]![0]!["ports"]![0]!["protocol"]);
    }

    [Fact]
    public void Zero_replicas_are_kept()
    {
        var rs = Defaulted("apps/v1", "ReplicaSet", """{"spec":{"replicas":0}}""");

        Assert.Equal(0, (int)rs["spec"]!["replicas"]!);
    }

    [Fact]
    public void A_service_gets_cluster_ip_type_protocol_target_port_and_ip_family()
    {
        var service = Defaulted("v1", "Service", """{"spec":{"ports":[{"port":80}],"selector":{"app":"web"}}}""");

        var spec = service["spec"]!;
        Assert.Equal("ClusterIP", (string?)spec["type"]);
        Assert.Equal("None", (string?)spec["sessionAffinity"]);
        Assert.Equal("TCP", (string?)spec["ports"]![0]!["protocol"]);
        Assert.Equal(80, (int)spec["ports"]![0]!["targetPort"]!);
        Assert.Equal("""["IPv4"]""", spec["ipFamilies"]!.ToJsonString());
        Assert.Equal("SingleStack", (string?)spec["ipFamilyPolicy"]);
        Assert.Equal("Cluster", (string?)spec["internalTrafficPolicy"]);
    }

    [Fact]
    public void A_secret_defaults_to_opaque_and_a_namespace_to_active_with_its_name_label()
    {
        var secret = Defaulted("v1", "Secret", """{"metadata":{"name":"s"}}""");
        var ns = Defaulted("v1", "Namespace", """{"metadata":{"name":"team-a"}}""");

        Assert.Equal("Opaque", (string?)secret["type"]);
        Assert.Equal("""["kubernetes"]""", ns["spec"]!["finalizers"]!.ToJsonString());
        Assert.Equal("Active", (string?)ns["status"]!["phase"]);
        Assert.Equal("team-a", (string?)ns["metadata"]!["labels"]!["kubernetes.io/metadata.name"]);
    }

    [Fact]
    public void Wrongly_typed_values_do_not_crash_defaulting()
    {
        var pod = Defaulted("v1", "Pod", """{"spec":{"containers":"oops","volumes":[{"name":"v"}]}}""");

        Assert.Equal("oops", (string?)pod["spec"]!["containers"]);
        Assert.Equal("{}", pod["spec"]!["volumes"]![0]!["emptyDir"]!.ToJsonString());
    }
}
