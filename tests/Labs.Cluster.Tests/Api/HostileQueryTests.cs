using Labs.Cluster.Access;
using Labs.Cluster.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Labs.Cluster.Tests.Api;

/// <summary>List and watch parameters an attacker sends: refused with the real API server's status and words.</summary>
public sealed class HostileQueryTests
{
    [Theory]
    [InlineData("/api/v1/namespaces/default/pods?labelSelector=!!!", 400, "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("/api/v1/pods?labelSelector=app%20in%20(a", 400, "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("/api/v1/pods?labelSelector=app%3Da,", 400, "found '', expected: identifier after ','")]
    [InlineData("/api/v1/pods?labelSelector=app%3Db%20c", 400, "found 'c', expected: ',' or 'end of string'")]
    [InlineData("/api/v1/pods?labelSelector=a%3Eb", 400,
        "unable to parse requirement: values[0]: Invalid value: \"b\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("/api/v1/pods?labelSelector=k%40y", 400,
        "unable to parse requirement: <nil>: Invalid value: \"k@y\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")]
    [InlineData("/api/v1/pods?fieldSelector=spec.bogus%3Dx", 400, "field label not supported: spec.bogus")]
    [InlineData("/api/v1/configmaps?fieldSelector=data.k%3Dx", 400, "\"data.k\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")]
    [InlineData("/api/v1/pods?fieldSelector=nonsense", 400, "invalid selector: 'nonsense'; can't understand 'nonsense'")]
    [InlineData("/api/v1/pods?fieldSelector=metadata.name%3Da%3Db", 400, "invalid field selector: unescaped character in value: 61")]
    [InlineData("/api/v1/pods?limit=abc", 400, "strconv.ParseInt: parsing \"abc\": invalid syntax")]
    [InlineData("/api/v1/pods?limit=99999999999999999999", 400, "strconv.ParseInt: parsing \"99999999999999999999\": value out of range")]
    [InlineData("/api/v1/pods?timeoutSeconds=1.5", 400, "strconv.ParseInt: parsing \"1.5\": invalid syntax")]
    [InlineData("/api/v1/pods?resourceVersion=abc", 400,
        "invalid resource version: resourceVersion: Invalid value: \"abc\": strconv.ParseUint: parsing \"abc\": invalid syntax")]
    [InlineData("/api/v1/pods?continue=%25%25", 400, "invalid continue token: continue key is not valid: illegal base64 data at input byte 0")]
    // The default ClusterRoles are written after resourceVersion 5, so that listing can no longer be continued.
    [InlineData("/apis/rbac.authorization.k8s.io/v1/clusterroles?continue=eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NSwic3RhcnQiOiJhIn0", 410,
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.")]
    [InlineData("/api/v1/pods?resourceVersionMatch=Exact", 422,
        "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")]
    [InlineData("/api/v1/pods?resourceVersion=1&resourceVersionMatch=Bogus", 422,
        "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: \"Bogus\": supported values: \"Exact\", \"NotOlderThan\", \"\"")]
    [InlineData("/api/v1/pods?sendInitialEvents=true", 422,
        "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list")]
    [InlineData("/api/v1/pods?watch=true&timeoutSeconds=x", 400, "strconv.ParseInt: parsing \"x\": invalid syntax")]
    [InlineData("/api/v1/pods?watch=1&resourceVersion=-1", 400,
        "invalid resource version: resourceVersion: Invalid value: \"-1\": strconv.ParseUint: parsing \"-1\": invalid syntax")]
    [InlineData("/api/v1/pods?watch=true&resourceVersionMatch=NotOlderThan", 422,
        "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided")]
    public async Task A_bad_list_or_watch_parameter_is_refused_in_the_api_servers_words(string path, int status, string message)
    {
        await using var cluster = await ApiTestCluster.StartAsync();

        var result = await cluster.GetAsync(path);

        Assert.Equal(status, result.Status);
        Assert.Equal(message, (string?)result.Body!["message"]);
        await cluster.AssertStoreReadableAsync("/api/v1/pods");
    }

    [Theory]
    [InlineData("app in ()", "", true)]
    [InlineData("app in (,web)", "web", true)]
    [InlineData("app notin ()", "web", true)]
    [InlineData("in in (in)", "", false)]
    [InlineData("app=", "", true)]
    [InlineData("count>3", "", false)]
    public async Task Selectors_the_real_parser_accepts_are_accepted(string selector, string appLabel, bool matches)
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces/default/configmaps",
            "{\"metadata\":{\"name\":\"c\",\"labels\":{\"app\":\"" + appLabel + "\",\"count\":\"2\"}}}");

        var result = await cluster.GetAsync($"/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name%3Dc&labelSelector={Uri.EscapeDataString(selector)}");

        Assert.Equal(200, result.Status);
        Assert.Equal(matches ? 1 : 0, result.Body!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Supported_field_selectors_read_go_zero_values_for_absent_fields()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces/default/pods",
            """{"metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"nginx"}]}}""");

        var notHost = await cluster.GetAsync("/api/v1/pods?fieldSelector=spec.hostNetwork%3Dfalse,status.phase%3DPending");
        var escaped = await cluster.GetAsync("/api/v1/pods?fieldSelector=metadata.name%3Dp%5C%2Cq");

        Assert.Single(notHost.Body!["items"]!.AsArray());
        Assert.Equal(200, escaped.Status);
        Assert.Empty(escaped.Body!["items"]!.AsArray());
    }

    [Theory]
    [InlineData("true", "watch")]
    [InlineData("1", "watch")]
    [InlineData("yes", "watch")]
    [InlineData("", "watch")]
    [InlineData("0", "list")]
    [InlineData("FALSE", "list")]
    public void Authorization_and_the_handler_read_a_watch_flag_the_same_way_kubernetes_does(string value, string verb)
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["watch"] = value });

        Assert.Equal(verb, ApiServer.ParseRequest("GET", "/api/v1/pods", query).Verb);
        Assert.Equal(verb, RequestAttributes.FromHttp("GET", "/api/v1/pods", value).Verb);
    }
}
