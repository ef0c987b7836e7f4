using System.Text.Json.Nodes;
using Labs.Cluster.Tests.Api;

namespace Labs.Cluster.Tests.Registry;

/// <summary>CustomResourceDefinitions as the API serves them: discovery, OpenAPI, tables, versions, and a restart.</summary>
public sealed class CustomResourceTests
{
    private const string Definition = """
        {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"backups.ops.labs.dev"},
         "spec":{"group":"ops.labs.dev","scope":"Namespaced","names":{"plural":"backups","kind":"Backup","shortNames":["bk"],"categories":["all"]},
           "versions":[
             {"name":"v1beta1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},
             {"name":"v1","served":true,"storage":true,
              "schema":{"openAPIV3Schema":{"type":"object","properties":{"spec":{"type":"object","properties":{
                 "schedule":{"type":"string","pattern":"^[0-9*/ ,-]+$"},"keep":{"type":"integer","default":3}}}}}},
              "additionalPrinterColumns":[{"name":"Schedule","type":"string","jsonPath":".spec.schedule"},
                                          {"name":"Keep","type":"integer","jsonPath":".spec.keep","priority":1}]}]}}
        """;

    private const string Backup = """
        {"apiVersion":"ops.labs.dev/v1","kind":"Backup","metadata":{"name":"nightly"},"spec":{"schedule":"0 2 * * *"}}
        """;

    [Fact]
    public async Task A_definition_is_served_in_discovery_with_the_preferred_version_first()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        Assert.Equal(201, (await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition)).Status);

        var (status, group, _) = await cluster.GetAsync("/apis/ops.labs.dev");
        var (_, resources, _) = await cluster.GetAsync("/apis/ops.labs.dev/v1");

        Assert.Equal(200, status);
        Assert.Equal("v1", (string?)group!["preferredVersion"]!["version"]);
        Assert.Equal(["v1", "v1beta1"], group["versions"]!.AsArray().Select(v => (string?)v!["version"]));
        var backups = resources!["resources"]!.AsArray().Single(r => (string?)r!["name"] == "backups")!;
        Assert.Equal("Backup", (string?)backups["kind"]);
        Assert.Equal(["bk"], backups["shortNames"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["all"], backups["categories"]!.AsArray().Select(n => (string?)n));
    }

    [Fact]
    public async Task A_custom_resource_gets_its_schema_defaults_and_is_read_in_every_served_version()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition);

        var (created, body, _) = await cluster.PostAsync("/apis/ops.labs.dev/v1/namespaces/default/backups", Backup);
        var (_, old, _) = await cluster.GetAsync("/apis/ops.labs.dev/v1beta1/namespaces/default/backups/nightly");

        Assert.Equal(201, created);
        Assert.Equal(3, (int)body!["spec"]!["keep"]!);
        Assert.Equal("ops.labs.dev/v1beta1", (string?)old!["apiVersion"]);
        Assert.Equal("0 2 * * *", (string?)old["spec"]!["schedule"]);
    }

    [Fact]
    public async Task A_value_that_does_not_match_the_pattern_is_invalid_with_the_real_message()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition);

        var (status, body, _) = await cluster.PostAsync("/apis/ops.labs.dev/v1/namespaces/default/backups",
            Backup.Replace("0 2 * * *", "daily", StringComparison.Ordinal));

        Assert.Equal(422, status);
        Assert.Equal("Backup.ops.labs.dev \"nightly\" is invalid: spec.schedule: Invalid value: \"daily\": spec.schedule in body should match '^[0-9*/ ,-]+$'",
            (string?)body!["message"]);
    }

    [Fact]
    public async Task A_table_has_the_name_then_the_definitions_columns_with_their_priorities()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition);
        await cluster.PostAsync("/apis/ops.labs.dev/v1/namespaces/default/backups", Backup);

        var (_, table, _) = await cluster.GetAsync("/apis/ops.labs.dev/v1/namespaces/default/backups", "application/json;as=Table;v=v1;g=meta.k8s.io");

        var columns = table!["columnDefinitions"]!.AsArray();
        Assert.Equal(["Name", "Schedule", "Keep"], columns.Select(c => (string?)c!["name"]));
        Assert.Equal(1, (int)columns[2]!["priority"]!);
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("nightly", (string?)cells[0]);
        Assert.Equal("0 2 * * *", (string?)cells[1]);
        Assert.Equal(3, (long)cells[2]!);
    }

    [Fact]
    public async Task OpenAPI_publishes_the_schema_of_the_custom_kind()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition);

        var (_, root, _) = await cluster.GetAsync("/openapi/v3");
        var (status, document, _) = await cluster.GetAsync("/openapi/v3/apis/ops.labs.dev/v1");

        Assert.NotNull(root!["paths"]!["apis/ops.labs.dev/v1"]);
        Assert.Equal(200, status);
        var schema = document!["components"]!["schemas"]!["dev.labs.ops.v1.Backup"]!;
        Assert.Equal("integer", (string?)schema["properties"]!["spec"]!["properties"]!["keep"]!["type"]);
        Assert.Equal("Backup", (string?)schema["x-kubernetes-group-version-kind"]![0]!["kind"]);
    }

    [Fact]
    public async Task Definitions_and_their_resources_are_served_again_after_a_restart()
    {
        var cluster = await ApiTestCluster.StartAsync();
        try
        {
            await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition);
            await cluster.PostAsync("/apis/ops.labs.dev/v1/namespaces/default/backups", Backup);

            cluster = await cluster.RestartAsync();
            var (status, body, _) = await cluster.GetAsync("/apis/ops.labs.dev/v1/namespaces/default/backups/nightly");

            Assert.Equal(200, status);
            Assert.Equal(3, (int)body!["spec"]!["keep"]!);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Deleting_the_definition_deletes_its_resources_so_a_new_one_starts_empty()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition);
        await cluster.PostAsync("/apis/ops.labs.dev/v1/namespaces/default/backups", Backup);

        var (deleted, _, _) = await cluster.SendAsync(HttpMethod.Delete, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/backups.ops.labs.dev");
        var (gone, _, _) = await cluster.GetAsync("/apis/ops.labs.dev/v1/namespaces/default/backups");
        await cluster.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", Definition);
        var (_, list, _) = await cluster.GetAsync("/apis/ops.labs.dev/v1/namespaces/default/backups");

        Assert.Equal(200, deleted);
        Assert.Equal(404, gone);
        Assert.Empty(list!["items"]!.AsArray());
    }
}
