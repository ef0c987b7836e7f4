using System.Text.Json.Nodes;
using static Labs.Cluster.Tests.Admission.AdmissionFixture;

namespace Labs.Cluster.Tests.Admission;

public sealed class ResourceQuotaAdmissionTests
{
    private readonly AdmissionFixture _f = new();

    [Fact]
    public void The_pod_over_a_pod_count_quota_is_forbidden_with_the_exact_kubernetes_message()
    {
        _f.Quota("\"pods\":\"2\"");
        _f.Create(Pods, Pod("a"));
        _f.Create(Pods, Pod("b"));

        var error = _f.Refused(Pods, Pod("c"));

        Assert.Equal(403, error.Code);
        Assert.Equal("Forbidden", error.Reason);
        Assert.Equal("pods \"c\" is forbidden: exceeded quota: labs-budget, requested: pods=1, used: pods=2, limited: pods=2", error.Message);
        Assert.Equal("pods", (string?)error.Details!["kind"]);
        Assert.Null(_f.Store.Get(Pods, Ns, "c"));
    }

    [Fact]
    public void A_generated_name_is_chosen_before_the_quota_names_the_refused_pod()
    {
        _f.Quota("\"pods\":\"0\"");

        var error = _f.Refused(Pods, """{"apiVersion":"v1","kind":"Pod","metadata":{"generateName":"web-7d9f-"},"spec":{"containers":[{"name":"app","image":"nginx"}]}}""");

        Assert.Matches("^pods \"web-7d9f-[a-z0-9]{5}\" is forbidden: exceeded quota: labs-budget, requested: pods=1, used: pods=0, limited: pods=0$", error.Message);
    }

    [Fact]
    public void A_quota_on_limits_requires_every_container_to_state_them()
    {
        _f.Quota("\"limits.cpu\":\"2\",\"limits.memory\":\"2Gi\"");

        var error = _f.Refused(Pods, Pod("x"));

        Assert.Equal("pods \"x\" is forbidden: failed quota: labs-budget: must specify limits.cpu for: app; limits.memory for: app", error.Message);
    }

    [Fact]
    public void Compute_usage_adds_up_and_the_request_that_does_not_fit_names_what_is_left()
    {
        _f.Quota("\"limits.cpu\":\"1\",\"limits.memory\":\"1Gi\"");
        _f.Create(Pods, Pod("a", """{"limits":{"cpu":"600m","memory":"512Mi"}}"""));

        var error = _f.Refused(Pods, Pod("b", """{"limits":{"cpu":"500m","memory":"512Mi"}}"""));

        Assert.Equal("pods \"b\" is forbidden: exceeded quota: labs-budget, requested: limits.cpu=500m, used: limits.cpu=600m, limited: limits.cpu=1", error.Message);
        Assert.Equal("""{"limits.cpu":"600m","limits.memory":"512Mi"}""", _f.Used().ToJsonString());
    }

    [Fact]
    public void Status_shows_hard_and_used_and_follows_creates_deletes_and_finished_pods()
    {
        _f.Quota("\"pods\":\"10\",\"requests.cpu\":\"1\",\"configmaps\":\"5\"");
        Assert.Equal("""{"configmaps":"0","pods":"0","requests.cpu":"0"}""", _f.Used().ToJsonString());
        Assert.Equal("""{"configmaps":"5","pods":"10","requests.cpu":"1"}""", _f.Store.Get(Quotas, Ns, "labs-budget")!["status"]!["hard"]!.ToJsonString());

        _f.Create(Pods, Pod("a", """{"requests":{"cpu":"250m"}}"""));
        _f.Create(Pods, Pod("b", """{"requests":{"cpu":"250m"}}"""));
        _f.Create(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"}}""");
        Assert.Equal("""{"configmaps":"1","pods":"2","requests.cpu":"500m"}""", _f.Used().ToJsonString());

        var finished = _f.Store.Get(Pods, Ns, "a")!;
        finished["status"] = new JsonObject { ["phase"] = "Succeeded" };
        _f.Store.UpdateStatus(Pods, Ns, finished);
        Assert.Equal("""{"configmaps":"1","pods":"1","requests.cpu":"250m"}""", _f.Used().ToJsonString());

        _f.Store.Delete(Pods, Ns, "b");
        Assert.Equal("""{"configmaps":"1","pods":"0","requests.cpu":"0"}""", _f.Used().ToJsonString());
    }

    [Fact]
    public void Object_counts_cover_any_resource_and_the_legacy_names()
    {
        _f.Quota("\"count/deployments.apps\":\"1\",\"configmaps\":\"1\"");
        _f.Create(Deployments, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"one"},"spec":{"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""");
        _f.Create(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"one"}}""");

        var deployment = _f.Refused(Deployments, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"two"},"spec":{}}""");
        var config = _f.Refused(ConfigMaps, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"two"}}""");

        Assert.Equal("deployments.apps \"two\" is forbidden: exceeded quota: labs-budget, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1", deployment.Message);
        Assert.Equal("configmaps \"two\" is forbidden: exceeded quota: labs-budget, requested: configmaps=1, used: configmaps=1, limited: configmaps=1", config.Message);
    }

    [Fact]
    public void Changing_a_service_to_node_port_is_charged_on_update()
    {
        _f.Quota("\"services\":\"5\",\"services.nodeports\":\"1\"");
        var service = _f.Create(Services, """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web"},"spec":{"ports":[{"port":80},{"port":443}]}}""");
        service["spec"]!["type"] = "NodePort";

        var error = Assert.Throws<Labs.Cluster.Api.ApiException>(() => _f.Store.Update(Services, Ns, service));

        Assert.Equal("services \"web\" is forbidden: exceeded quota: labs-budget, requested: services.nodeports=2, used: services.nodeports=0, limited: services.nodeports=1", error.Message);
    }

    [Fact]
    public void Claims_count_their_storage_also_per_storage_class()
    {
        _f.Quota("\"requests.storage\":\"1Gi\",\"gold.storageclass.storage.k8s.io/persistentvolumeclaims\":\"1\"");
        _f.Create(Claims, """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"a"},"spec":{"storageClassName":"gold","resources":{"requests":{"storage":"512Mi"}}}}""");

        var error = _f.Refused(Claims, """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"b"},"spec":{"storageClassName":"gold","resources":{"requests":{"storage":"100Mi"}}}}""");

        Assert.Equal("persistentvolumeclaims \"b\" is forbidden: exceeded quota: labs-budget, requested: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1, used: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1, limited: gold.storageclass.storage.k8s.io/persistentvolumeclaims=1", error.Message);
        Assert.Equal("512Mi", (string?)_f.Used()["requests.storage"]);
    }

    [Fact]
    public void A_best_effort_scope_counts_only_pods_without_resources()
    {
        _f.Quota("\"pods\":\"1\"", extraSpec: ",\"scopes\":[\"BestEffort\"]");
        _f.Create(Pods, Pod("plain"));
        _f.Create(Pods, Pod("sized", """{"requests":{"cpu":"100m"}}"""));

        var error = _f.Refused(Pods, Pod("second"));

        Assert.Contains("exceeded quota: labs-budget, requested: pods=1, used: pods=1, limited: pods=1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dry_run_is_admitted_the_same_way_but_uses_nothing()
    {
        _f.Quota("\"pods\":\"1\"");
        var probe = Parse(Pod("probe"));
        _f.Store.AdmitDryRun(Pods, Ns, probe, null);
        _f.Create(Pods, Pod("real"));

        var error = Assert.Throws<Labs.Cluster.Api.ApiException>(() => _f.Store.AdmitDryRun(Pods, Ns, Parse(Pod("again")), null));

        Assert.Equal(403, error.Code);
        Assert.Equal("1", (string?)_f.Used()["pods"]);
    }

    [Fact]
    public void Writes_in_a_namespace_without_quotas_are_not_limited()
    {
        for (var i = 0; i < 30; i++)
        {
            _f.Create(Pods, Pod($"p{i}"));
        }

        Assert.Equal(30, _f.Store.List(Pods, Ns).Items.Count);
    }
}
