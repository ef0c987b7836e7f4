using static Labs.Cluster.Tests.Admission.AdmissionFixture;

namespace Labs.Cluster.Tests.Admission;

public sealed class BudgetObjectValidationTests
{
    private readonly AdmissionFixture _f = new();

    [Fact]
    public void An_unparsable_quantity_makes_the_object_undecodable()
    {
        var error = _f.Refused(Quotas, """{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"pods":"ten"}}}""");

        Assert.Equal(400, error.Code);
        Assert.Equal("ResourceQuota in version \"v1\" cannot be handled as a ResourceQuota: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'", error.Message);
    }

    [Fact]
    public void Quantities_are_stored_in_their_canonical_form()
    {
        var quota = _f.Quota("\"pods\":10,\"requests.cpu\":\"0.5\",\"requests.memory\":\"1024Mi\"");

        Assert.Equal("""{"pods":"10","requests.cpu":"500m","requests.memory":"1Gi"}""", quota["spec"]!["hard"]!.ToJsonString());
    }

    [Fact]
    public void Negative_and_fractional_counts_and_unknown_names_are_invalid()
    {
        var error = _f.Refused(Quotas, """{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"cpu":"-1","pods":"1.5","limits.pods":"1"}}}""");

        Assert.Equal(422, error.Code);
        Assert.Equal(
            "ResourceQuota \"q\" is invalid: [spec.hard[cpu]: Invalid value: \"-1\": must be greater than or equal to 0, "
            + "spec.hard[limits.pods]: Invalid value: limits.pods: must be a standard resource type or fully qualified, "
            + "spec.hard[limits.pods]: Invalid value: limits.pods: must be a standard resource for quota, "
            + "spec.hard[pods]: Invalid value: resource.Quantity{i:resource.int64Amount{value:15, scale:-1}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"\", Format:\"DecimalSI\"}: must be an integer]",
            error.Message);
    }

    [Fact]
    public void Conflicting_quota_scopes_are_invalid()
    {
        var error = _f.Refused(Quotas, """{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"q"},"spec":{"hard":{"pods":"1"},"scopes":["BestEffort","NotBestEffort"]}}""");

        Assert.Equal(
            "ResourceQuota \"q\" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{\"BestEffort\", \"NotBestEffort\"}: conflicting scopes",
            error.Message);
    }

    [Fact]
    public void A_default_above_the_maximum_is_invalid()
    {
        var error = _f.Refused(LimitRanges, """{"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"r"},"spec":{"limits":[{"type":"Container","default":{"cpu":"2"},"max":{"cpu":"1"}}]}}""");

        Assert.Equal(422, error.Code);
        Assert.StartsWith("LimitRange \"r\" is invalid: [", error.Message, StringComparison.Ordinal);
        Assert.Contains("spec.limits[0].defaultRequest[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:2, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"2\", Format:\"DecimalSI\"}: default request value 2 is greater than max value 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("spec.limits[0].default[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:1, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:\"1\", Format:\"DecimalSI\"}: default value 2 is greater than max value 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pod_items_may_not_have_defaults_and_types_are_checked()
    {
        var error = _f.Refused(LimitRanges, """{"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"r"},"spec":{"limits":[{"type":"Pod","default":{"cpu":"1"}},{"type":"Node","max":{"cpu":"1"}}]}}""");

        Assert.Equal(
            "LimitRange \"r\" is invalid: [spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod', "
            + "spec.limits[1].type: Invalid value: \"Node\": must be a standard limit type or fully qualified]",
            error.Message);
    }

    [Fact]
    public void A_request_above_its_limit_is_invalid_after_the_defaults_are_applied()
    {
        _f.LimitRange("""{"type":"Container","default":{"cpu":"500m"}}""");

        var error = _f.Refused(Pods, Pod("example-conflict-with-limitrange-cpu", """{"requests":{"cpu":"700m"}}"""));

        Assert.Equal(422, error.Code);
        Assert.Equal("Pod \"example-conflict-with-limitrange-cpu\" is invalid: spec.containers[0].resources.requests: Invalid value: \"700m\": must be less than or equal to cpu limit of 500m", error.Message);
    }

    [Fact]
    public void Template_resources_of_a_deployment_are_checked_too()
    {
        var error = _f.Refused(Deployments, """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[
              {"name":"app","image":"nginx","resources":{"limits":{"memory":"64Mi"},"requests":{"memory":"128Mi","gpu":"1"}}}]}}}}
            """);

        Assert.Equal(
            "Deployment.apps \"web\" is invalid: [spec.template.spec.containers[0].resources.requests[gpu]: Invalid value: gpu: must be a standard resource type or fully qualified, "
            + "spec.template.spec.containers[0].resources.requests[gpu]: Invalid value: gpu: must be a standard resource for containers, "
            + "spec.template.spec.containers[0].resources.requests: Invalid value: \"128Mi\": must be less than or equal to memory limit of 64Mi]",
            error.Message);
        Assert.Equal("apps", (string?)error.Details!["group"]);
    }
}
