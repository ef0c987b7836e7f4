using System.Net.Http.Headers;
using System.Text;

namespace Labs.Cluster.Tests.Api;

/// <summary>Request bodies an attacker sends with curl: each is refused with the real API server's status, and nothing breaks the store.</summary>
public sealed class HostileBodyTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    [Fact]
    public async Task A_duplicate_field_is_a_strict_decoding_error_and_nothing_is_stored()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.PostAsync(ConfigMaps, """{"metadata":{"name":"d"},"data":{"a":"1","a":"2"},"data":{}}""");

        Assert.Equal(400, result.Status);
        Assert.Equal(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: duplicate field \"data.a\", duplicate field \"data\"",
            (string?)result.Body!["message"]);
        Assert.Equal(404, (await cluster.GetAsync($"{ConfigMaps}/d")).Status);
        await cluster.AssertStoreReadableAsync();
    }

    [Theory]
    [InlineData("\\ud800")]
    [InlineData("\\udc00")]
    [InlineData("\\ud800\\u0041")]
    public async Task A_lone_surrogate_in_a_label_is_refused_and_every_list_still_answers(string escape)
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var created = await cluster.PostAsync(ConfigMaps, "{\"metadata\":{\"name\":\"s\",\"labels\":{\"app\":\"" + escape + "\"}}}");
        Assert.Equal(400, created.Status);
        Assert.Contains("the string at \"metadata.labels.app\" holds a \\u escape of an unpaired UTF-16 surrogate", (string?)created.Body!["message"]);

        await cluster.PostAsync(ConfigMaps, """{"metadata":{"name":"ok"}}""");
        var patched = await cluster.SendAsync(HttpMethod.Patch, $"{ConfigMaps}/ok", "{\"metadata\":{\"labels\":{\"app\":\"" + escape + "\"}}}",
            "application/merge-patch+json");
        Assert.Equal(400, patched.Status);
        Assert.StartsWith("error decoding patch: json: the string at \"metadata.labels.app\"", (string?)patched.Body!["message"], StringComparison.Ordinal);
        await cluster.AssertStoreReadableAsync();
    }

    [Fact]
    public async Task Invalid_utf8_is_refused()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var body = Encoding.UTF8.GetBytes("""{"metadata":{"name":"u"},"data":{"k":"__"}}""");
        var at = Array.IndexOf(body, (byte)'_');
        (body[at], body[at + 1]) = (0xC3, 0x28);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var result = await cluster.SendContentAsync(HttpMethod.Post, ConfigMaps, content);

        Assert.Equal(400, result.Status);
        Assert.Contains("the string at \"data.k\" is not valid UTF-8", (string?)result.Body!["message"]);
        await cluster.AssertStoreReadableAsync();
    }

    [Fact]
    public async Task A_chunked_body_over_3_MiB_is_refused_without_a_content_length()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        using var content = new StreamContent(new LargeJsonStream(4 * 1024 * 1024));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        Assert.Null(content.Headers.ContentLength);

        var result = await cluster.SendContentAsync(HttpMethod.Post, ConfigMaps, content);

        Assert.Equal(413, result.Status);
        Assert.Equal("Request entity too large: limit is 3145728", (string?)result.Body!["message"]);
        await cluster.AssertStoreReadableAsync();
    }

    [Fact]
    public async Task Wrong_types_in_a_post_body_are_the_decoders_bad_request()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var replicas = await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Deployment("1e12"));
        Assert.Equal(400, replicas.Status);
        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal number 1e12 into Go struct field DeploymentSpec.spec.replicas of type int32",
            (string?)replicas.Body!["message"]);

        var data = await cluster.PostAsync(ConfigMaps, """{"metadata":{"name":"c"},"data":{"k":5}}""");
        Assert.Equal(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string",
            (string?)data.Body!["message"]);

        var secret = await cluster.PostAsync("/api/v1/namespaces/default/secrets", """{"metadata":{"name":"s"},"data":{"k":"abc"}}""");
        Assert.Equal("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0", (string?)secret.Body!["message"]);

        var quantity = await cluster.PostAsync("/api/v1/namespaces/default/pods",
            """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","resources":{"limits":{"cpu":"lots"}}}]}}""");
        Assert.Equal(
            "Pod in version \"v1\" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            (string?)quantity.Body!["message"]);

        var port = await cluster.PostAsync("/api/v1/namespaces/default/pods",
            """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"i","ports":[{"containerPort":80.5}]}]}}""");
        Assert.Equal(
            "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
            (string?)port.Body!["message"]);
        await cluster.AssertStoreReadableAsync("/apis/apps/v1/deployments");
    }

    [Fact]
    public async Task Required_fields_and_label_rules_are_invalid_with_causes()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        var service = await cluster.PostAsync("/api/v1/namespaces/default/services",
            """{"metadata":{"name":"s"},"spec":{"ports":[{"name":"http","targetPort":80}]}}""");
        Assert.Equal(422, service.Status);
        // A missing port decodes as 0, which validateServicePort refuses as out of range (it has no Required check).
        Assert.Equal("Service \"s\" is invalid: spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive", (string?)service.Body!["message"]);
        Assert.Equal("FieldValueInvalid", (string?)service.Body["details"]!["causes"]![0]!["reason"]);

        var labelled = await cluster.PostAsync(ConfigMaps, """{"metadata":{"name":"l","labels":{"app":"a b"}}}""");
        Assert.Equal(422, labelled.Status);
        Assert.StartsWith("ConfigMap \"l\" is invalid: metadata.labels: Invalid value: \"a b\": a valid label must be an empty string",
            (string?)labelled.Body!["message"], StringComparison.Ordinal);
        await cluster.AssertStoreReadableAsync();
    }

    [Fact]
    public async Task Unknown_fields_with_any_name_are_dropped_and_warned_about_in_a_header_that_can_carry_them()
    {
        // Found by the fuzz tests: a DEL in a field name made Kestrel refuse the Warning header (500), and a name
        // holding '[' broke the removal by path.
        await using var cluster = await ApiTestCluster.StartAsync();
        var result = await cluster.PostAsync($"{ConfigMaps}?fieldValidation=Warn",
            """{"metadata":{"name":"w","labels[":{}},"xy":1,"a.b":2,"é":3}""");

        Assert.Equal(201, result.Status);
        var warnings = result.Response.Headers.GetValues("Warning").ToList();
        Assert.Contains("299 - \"unknown field \\\"metadata.labels[\\\"\"", warnings);
        Assert.Contains("299 - \"unknown field \\\"x\\u007fy\\\"\"", warnings);
        Assert.Contains("299 - \"unknown field \\\"\\u00e9\\\"\"", warnings);
        var stored = (await cluster.GetAsync($"{ConfigMaps}/w")).Body!.AsObject();
        Assert.False(stored.ContainsKey("a.b") || stored.ContainsKey("x\u007fy") || stored["metadata"]!.AsObject().ContainsKey("labels["));
    }

    private static string Deployment(string replicas) =>
        """{"metadata":{"name":"web"},"spec":{"replicas":""" + replicas
        + ""","selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}""";
}
