using static Labs.Cluster.Tests.Admission.AdmissionFixture;

namespace Labs.Cluster.Tests.Admission;

public sealed class LimitRangerTests
{
    private const string Defaults = """
        {"type":"Container","default":{"cpu":"500m","memory":"256Mi"},"defaultRequest":{"cpu":"100m","memory":"64Mi"},"max":{"cpu":"1","memory":"1Gi"}}
        """;

    private readonly AdmissionFixture _f = new();

    [Fact]
    public void Containers_without_resources_get_the_defaults_and_the_annotation_says_so()
    {
        _f.LimitRange(Defaults);

        var pod = _f.Create(Pods, Pod("x"));

        var resources = pod["spec"]!["containers"]![0]!["resources"]!;
        Assert.Equal("""{"cpu":"500m","memory":"256Mi"}""", resources["limits"]!.ToJsonString());
        Assert.Equal("""{"cpu":"100m","memory":"64Mi"}""", resources["requests"]!.ToJsonString());
        Assert.Equal("LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app",
            (string?)pod["metadata"]!["annotations"]!["kubernetes.io/limit-ranger"]);
    }

    [Fact]
    public void Only_what_is_missing_is_filled_and_init_containers_are_named_as_such()
    {
        _f.LimitRange(Defaults);

        var pod = _f.Create(Pods, Pod("x", """{"limits":{"cpu":"200m"},"requests":{"cpu":"200m"}}""",
            extra: ""","initContainers":[{"name":"setup","image":"busybox"}]"""));

        Assert.Equal("""{"cpu":"200m","memory":"256Mi"}""", pod["spec"]!["containers"]![0]!["resources"]!["limits"]!.ToJsonString());
        Assert.Equal(
            "LimitRanger plugin set: memory request for container app; memory limit for container app; cpu, memory request for init container setup; cpu, memory limit for init container setup",
            (string?)pod["metadata"]!["annotations"]!["kubernetes.io/limit-ranger"]);
    }

    [Fact]
    public void A_limit_above_the_maximum_is_forbidden()
    {
        _f.LimitRange(Defaults);

        var error = _f.Refused(Pods, Pod("big", """{"limits":{"cpu":"2"}}"""));

        Assert.Equal(403, error.Code);
        Assert.Equal("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2", error.Message);
    }

    [Fact]
    public void Several_violations_are_listed_once_each_in_brackets()
    {
        _f.LimitRange("""{"type":"Container","min":{"cpu":"100m","memory":"64Mi"},"max":{"cpu":"1","memory":"1Gi"}}""");

        var error = _f.Refused(Pods, Pod("odd", """{"limits":{"cpu":"2","memory":"32Mi"},"requests":{"cpu":"2","memory":"32Mi"}}"""));

        Assert.Equal(
            "pods \"odd\" is forbidden: [minimum memory usage per Container is 64Mi, but request is 32Mi, maximum cpu usage per Container is 1, but limit is 2]",
            error.Message);
    }

    [Fact]
    public void A_max_without_a_default_becomes_the_stored_default_limit_and_request()
    {
        var range = _f.LimitRange("""{"type":"Container","max":{"cpu":"1"}}""");

        Assert.Equal("""{"cpu":"1"}""", range["spec"]!["limits"]![0]!["default"]!.ToJsonString());
        Assert.Equal("""{"cpu":"1"}""", range["spec"]!["limits"]![0]!["defaultRequest"]!.ToJsonString());
    }

    [Fact]
    public void The_limit_to_request_ratio_is_enforced()
    {
        _f.LimitRange("""{"type":"Container","maxLimitRequestRatio":{"cpu":"2"}}""");

        var error = _f.Refused(Pods, Pod("bursty", """{"limits":{"cpu":"1"},"requests":{"cpu":"100m"}}"""));

        Assert.Equal("pods \"bursty\" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 10.000000", error.Message);
    }

    [Fact]
    public void A_pod_item_limits_the_sum_of_the_containers()
    {
        _f.LimitRange("""{"type":"Pod","max":{"memory":"1Gi"}}""");

        var error = _f.Refused(Pods, """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pair"},"spec":{"containers":[
              {"name":"a","image":"nginx","resources":{"limits":{"memory":"768Mi"}}},
              {"name":"b","image":"nginx","resources":{"limits":{"memory":"512Mi"}}}]}}
            """);

        Assert.Equal("pods \"pair\" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 1280Mi", error.Message);
    }

    [Fact]
    public void A_claim_above_the_storage_maximum_is_forbidden()
    {
        _f.LimitRange("""{"type":"PersistentVolumeClaim","max":{"storage":"1Gi"}}""");

        var error = _f.Refused(Claims, """{"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},"spec":{"resources":{"requests":{"storage":"2Gi"}}}}""");

        Assert.Equal("persistentvolumeclaims \"data\" is forbidden: maximum storage usage per PersistentVolumeClaim is 1Gi, but request is 2Gi", error.Message);
    }

    [Fact]
    public void Defaults_are_applied_before_the_quota_checks_the_pod()
    {
        _f.LimitRange(Defaults);
        _f.Quota("\"limits.cpu\":\"1\",\"limits.memory\":\"1Gi\"");
        _f.Create(Pods, Pod("a"));
        _f.Create(Pods, Pod("b"));

        var error = _f.Refused(Pods, Pod("c"));

        Assert.Equal("pods \"c\" is forbidden: exceeded quota: labs-budget, requested: limits.cpu=500m, used: limits.cpu=1, limited: limits.cpu=1", error.Message);
    }
}
