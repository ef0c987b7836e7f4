using System.Text.Json.Nodes;

namespace Labs.Cluster.Tests.Api;

public sealed class ApiServerCrudTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
         "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                 "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx"}]}}}}
        """;

    [Fact]
    public async Task Version_reports_kubernetes_1_32()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var (status, body, _) = await cluster.GetAsync("/version");
        Assert.Equal(200, status);
        Assert.Equal("32", (string?)body!["minor"]);
        Assert.Equal("v1.32.4", (string?)body["gitVersion"]);
    }

    [Fact]
    public async Task Requests_without_a_token_are_unauthorized_but_health_is_open()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        using var anonymous = cluster.CreateClient(null);
        var health = await anonymous.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)health.StatusCode);
        var pods = await anonymous.GetAsync(new Uri("/api/v1/pods", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)pods.StatusCode);
    }

    [Fact]
    public async Task Create_get_list_and_delete_a_deployment()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var created = await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);
        Assert.Equal(201, created.Status);
        Assert.Equal("1", created.Body!["metadata"]!["generation"]!.ToJsonString());
        Assert.False(string.IsNullOrEmpty((string?)created.Body["metadata"]!["uid"]));

        var got = await cluster.GetAsync("/apis/apps/v1/namespaces/default/deployments/web");
        Assert.Equal(200, got.Status);
        var list = await cluster.GetAsync("/apis/apps/v1/deployments?labelSelector=app%3Dweb");
        Assert.Equal("DeploymentList", (string?)list.Body!["kind"]);
        Assert.Single(list.Body["items"]!.AsArray());

        var deleted = await cluster.SendAsync(HttpMethod.Delete, "/apis/apps/v1/namespaces/default/deployments/web", """{"propagationPolicy":"Background"}""");
        Assert.Equal(200, deleted.Status);
        var gone = await cluster.GetAsync("/apis/apps/v1/namespaces/default/deployments/web");
        Assert.Equal(404, gone.Status);
        Assert.Equal("deployments.apps \"web\" not found", (string?)gone.Body!["message"]);
    }

    [Fact]
    public async Task Creating_twice_answers_already_exists()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);
        var again = await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);
        Assert.Equal(409, again.Status);
        Assert.Equal("AlreadyExists", (string?)again.Body!["reason"]);
        Assert.Equal("deployments.apps \"web\" already exists", (string?)again.Body["message"]);
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_names_the_namespace()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.PostAsync("/api/v1/namespaces/nope/configmaps", """{"metadata":{"name":"c"}}""");
        Assert.Equal(404, result.Status);
        Assert.Equal("namespaces \"nope\" not found", (string?)result.Body!["message"]);
    }

    [Fact]
    public async Task Malformed_json_is_a_bad_request_that_says_where()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.PostAsync("/api/v1/namespaces/default/configmaps", "{\"metadata\": {\"name\": }");
        Assert.Equal(400, result.Status);
        Assert.Equal("BadRequest", (string?)result.Body!["reason"]);
        Assert.StartsWith("json: ", (string?)result.Body["message"], StringComparison.Ordinal);
        Assert.Contains("line 1", (string?)result.Body["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_without_an_image_is_invalid_with_a_cause()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.PostAsync("/api/v1/namespaces/default/pods",
            """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad"},"spec":{"containers":[{"name":"c"}]}}""");
        Assert.Equal(422, result.Status);
        Assert.Equal("Pod \"bad\" is invalid: spec.containers[0].image: Required value", (string?)result.Body!["message"]);
        Assert.Equal("Pod", (string?)result.Body["details"]!["kind"]);
        Assert.Equal("spec.containers[0].image", (string?)result.Body["details"]!["causes"]![0]!["field"]);
    }

    [Fact]
    public async Task Unsupported_media_type_and_method_answer_status()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var media = await cluster.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", "x", "text/plain");
        Assert.Equal(415, media.Status);
        Assert.Equal("Status", (string?)media.Body!["kind"]);
        var method = await cluster.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/configmaps", "{}");
        Assert.Equal(405, method.Status);
    }

    [Fact]
    public async Task Dry_run_validates_without_storing()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments?dryRun=All", Deployment);
        Assert.Equal(201, result.Status);
        Assert.Equal(404, (await cluster.GetAsync("/apis/apps/v1/namespaces/default/deployments/web")).Status);
    }

    [Fact]
    public async Task Scale_subresource_answers_an_autoscaling_scale_and_updates_replicas()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);
        var patched = await cluster.SendAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web/scale",
            """{"spec":{"replicas":5}}""", "application/merge-patch+json");
        Assert.Equal(200, patched.Status);
        Assert.Equal("Scale", (string?)patched.Body!["kind"]);
        Assert.Equal("autoscaling/v1", (string?)patched.Body["apiVersion"]);
        Assert.Equal(5, (int)patched.Body["spec"]!["replicas"]!);
        var deployment = await cluster.GetAsync("/apis/apps/v1/namespaces/default/deployments/web");
        Assert.Equal(5, (int)deployment.Body!["spec"]!["replicas"]!);
        Assert.Equal(2, (int)deployment.Body["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);
        var patched = await cluster.SendAsync(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web",
            """{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}""", "application/strategic-merge-patch+json");
        Assert.Equal(200, patched.Status);
        var containers = patched.Body!["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Single(containers);
        Assert.Equal("nginx:1.27", (string?)containers[0]!["image"]);
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_its_contents()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team"}}""");
        await cluster.PostAsync("/api/v1/namespaces/team/configmaps", """{"metadata":{"name":"c"}}""");
        var deleted = await cluster.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/team");
        Assert.Equal(200, deleted.Status);
        Assert.Equal("Terminating", (string?)deleted.Body!["status"]!["phase"]);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/team/configmaps/c")).Status);
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/team")).Status);
    }

    [Fact]
    public async Task Deleting_an_owner_collects_its_dependents()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var owner = await cluster.PostAsync("/api/v1/namespaces/default/configmaps", """{"metadata":{"name":"owner"}}""");
        var uid = (string?)owner.Body!["metadata"]!["uid"];
        await cluster.PostAsync("/api/v1/namespaces/default/configmaps",
            $$$"""{"metadata":{"name":"child","ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"owner","uid":"{{{uid}}}"}]}}""");
        await cluster.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/owner");
        Assert.Equal(404, (await cluster.GetAsync("/api/v1/namespaces/default/configmaps/child")).Status);
    }

    [Fact]
    public async Task Tables_carry_the_familiar_columns()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment);
        var table = await cluster.GetAsync("/apis/apps/v1/namespaces/default/deployments",
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        Assert.Equal("Table", (string?)table.Body!["kind"]);
        var names = table.Body["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!).ToArray();
        Assert.Equal(new[] { "Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector" }, names);
        var cells = table.Body["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("web", (string?)cells[0]);
        Assert.Equal("0/2", (string?)cells[1]);
        Assert.Equal("PartialObjectMetadata", (string?)table.Body["rows"]![0]!["object"]!["kind"]);
    }

    [Fact]
    public async Task Discovery_lists_subresources_with_their_groups()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var apps = await cluster.GetAsync("/apis/apps/v1");
        var scale = apps.Body!["resources"]!.AsArray().Single(r => (string?)r!["name"] == "deployments/scale")!;
        Assert.Equal("autoscaling", (string?)scale["group"]);
        var core = await cluster.GetAsync("/api/v1");
        var pods = core.Body!["resources"]!.AsArray().Single(r => (string?)r!["name"] == "pods")!;
        Assert.Contains("po", pods["shortNames"]!.AsArray().Select(s => (string?)s));
        var groups = await cluster.GetAsync("/apis");
        Assert.Contains("rbac.authorization.k8s.io", groups.Body!["groups"]!.AsArray().Select(g => (string?)g!["name"]));
    }

    [Fact]
    public async Task Aggregated_discovery_answers_with_the_exact_content_type()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.GetAsync("/apis",
            "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", result.Response.Content.Headers.ContentType!.ToString().Replace(" ", "", StringComparison.Ordinal));
        var apps = result.Body!["items"]!.AsArray().Single(i => (string?)i!["metadata"]!["name"] == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().Single(r => (string?)r!["resource"] == "deployments")!;
        Assert.Equal("Namespaced", (string?)deployments["scope"]);
        Assert.Contains(deployments["subresources"]!.AsArray(), s => (string?)s!["subresource"] == "scale" && (string?)s["responseKind"]!["group"] == "autoscaling");
        var legacy = await cluster.GetAsync("/api", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        Assert.Contains(legacy.Body!["items"]![0]!["versions"]![0]!["resources"]!.AsArray(), r => (string?)r!["resource"] == "pods");
    }

    [Theory]
    [InlineData("""{"metadata":{"name":5}}""")]
    [InlineData("""{"apiVersion":1,"metadata":{"generateName":"x-","name":7}}""")]
    [InlineData("""{"metadata":{"name":"c"},"data":"not-a-map"}""")]
    [InlineData("[]")]
    [InlineData("null")]
    public async Task Wrongly_typed_bodies_are_bad_requests_never_server_errors(string body)
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.PostAsync("/api/v1/namespaces/default/configmaps", body);
        Assert.InRange(result.Status, 400, 422);
        Assert.Equal("Status", (string?)result.Body!["kind"]);
    }

    [Fact]
    public async Task Warn_field_validation_answers_a_warning_header()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.PostAsync("/api/v1/namespaces/default/configmaps?fieldValidation=Warn",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"w"},"bogus":1}""");
        Assert.Equal(201, result.Status);
        Assert.Contains("299 - \"unknown field \\\"bogus\\\"\"", result.Response.Headers.GetValues("Warning"));
        Assert.Null(result.Body!["bogus"]);
    }
}
