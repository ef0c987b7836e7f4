namespace Labs.Conformance.Tests;

public sealed class KubectlValidationTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    private static string ConfigMap(string ns, string value, string extra = "") => $"""
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: settings
          namespace: {ns}
        data:
          mode: {value}
        {extra}
        """;

    [Fact]
    public async Task Apply_with_a_change_reports_configured()
    {
        var ns = await k.CreateNamespaceAsync();
        var first = await k.RunAsync("apply", "-f", k.WriteManifest(ConfigMap(ns, "a")));
        Assert.True(first.ExitCode == 0, first.ToString());
        var second = await k.RunAsync("apply", "-f", k.WriteManifest(ConfigMap(ns, "b")));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("configmap/settings configured", second.Stdout, StringComparison.Ordinal);
        var value = await k.RunAsync("get", "configmap", "settings", "-n", ns, "-o", "jsonpath={.data.mode}");
        Assert.Equal("b", value.Stdout);
    }

    [Fact]
    public async Task Unknown_fields_are_rejected_with_strict_validation()
    {
        var ns = await k.CreateNamespaceAsync();
        var result = await k.RunAsync("create", "-f", k.WriteManifest(ConfigMap(ns, "a", "bogus: 1")));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("unknown field \"bogus\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impersonating_a_user_without_rights_is_forbidden_with_the_real_message()
    {
        var ns = await k.CreateNamespaceAsync();
        var result = await k.RunAsync("get", "pods", "-n", ns, "--as", "bob");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"Error from server (Forbidden): pods is forbidden: User \"bob\" cannot list resource \"pods\" in API group \"\" in the namespace \"{ns}\"",
            result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_patch_and_server_dry_run_work()
    {
        var ns = await k.CreateNamespaceAsync();
        await k.RunAsync("apply", "-f", k.WriteManifest(ConfigMap(ns, "a")));
        var patch = await k.RunAsync("patch", "configmap", "settings", "-n", ns, "--type=json", "-p", """[{"op":"replace","path":"/data/mode","value":"z"}]""");
        Assert.True(patch.ExitCode == 0, patch.ToString());
        var dry = await k.RunAsync("create", "configmap", "ghost", "-n", ns, "--dry-run=server");
        Assert.True(dry.ExitCode == 0, dry.ToString());
        var ghost = await k.RunAsync("get", "configmap", "ghost", "-n", ns);
        Assert.Contains("Error from server (NotFound): configmaps \"ghost\" not found", ghost.Stderr, StringComparison.Ordinal);
        var sorted = await k.RunAsync("get", "configmaps", "-n", ns, "--sort-by=.metadata.name");
        Assert.Contains("settings", sorted.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_and_api_resources_work()
    {
        var ns = await k.CreateNamespaceAsync();
        var sa = await k.RunAsync("create", "serviceaccount", "robot", "-n", ns);
        Assert.True(sa.ExitCode == 0, sa.ToString());
        var token = await k.RunAsync("create", "token", "robot", "-n", ns);
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.StartsWith("eyJ", token.Stdout, StringComparison.Ordinal);
        var resources = await k.RunAsync("api-resources");
        Assert.True(resources.ExitCode == 0, resources.ToString());
        Assert.Matches(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment", resources.Stdout);
    }

    [Fact]
    public async Task A_learners_token_works_in_their_namespace_and_is_forbidden_in_another()
    {
        var own = await k.CreateNamespaceAsync();
        var other = await k.CreateNamespaceAsync();
        var rbac = await k.RunAsync("apply", "-f", k.WriteManifest($"""
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: learner
              namespace: {own}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: learner
              namespace: {own}
            rules:
            - apiGroups: ["*"]
              resources: ["*"]
              verbs: ["*"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: learner
              namespace: {own}
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: learner
            subjects:
            - kind: ServiceAccount
              name: learner
              namespace: {own}
            """));
        Assert.True(rbac.ExitCode == 0, rbac.ToString());
        var token = (await k.RunAsync("create", "token", "learner", "-n", own)).Stdout.Trim();

        var allowed = await k.RunAsync("--token", token, "create", "configmap", "mine", "-n", own);
        var forbidden = await k.RunAsync("--token", token, "get", "pods", "-n", other);

        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.NotEqual(0, forbidden.ExitCode);
        Assert.Contains(
            $"Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:{own}:learner\" cannot list resource \"pods\" in API group \"\" in the namespace \"{other}\"",
            forbidden.Stderr,
            StringComparison.Ordinal);
    }
}
