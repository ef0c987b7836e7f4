using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Testing;

namespace Labs.Sessions.Tests;

public sealed class SessionBudgetTests
{
    private readonly FakeKubernetesApi _kube = new();

    private Task<LabSession> StartAsync(SessionBudget? budget = null) =>
        Managers.Create(_kube, new SessionRegistry(), new LabSessionOptions { ToolboxReadyTimeout = TimeSpan.FromSeconds(1) })
            .StartAsync("lab", "learner-1", new LabSetup([], Budget: budget), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_session_gets_the_small_budget_as_a_quota_and_a_limit_range_by_default()
    {
        var session = await StartAsync();

        var quota = _kube.Stored[("resourcequotas", session.Namespace, "labs-budget")];
        var hard = quota["spec"]!["hard"]!;
        Assert.Equal("10", (string?)hard["pods"]);
        Assert.Equal("2", (string?)hard["limits.cpu"]);
        Assert.Equal("2Gi", (string?)hard["limits.memory"]);
        Assert.Equal("10", (string?)hard["count/deployments.apps"]);
        Assert.Equal("small", (string?)quota["metadata"]!["labels"]!["labs.dev/budget"]);

        var item = _kube.Stored[("limitranges", session.Namespace, "labs-budget")]["spec"]!["limits"]![0]!;
        Assert.Equal("Container", (string?)item["type"]);
        Assert.Equal("200m", (string?)item["default"]!["cpu"]);
        Assert.Equal("64Mi", (string?)item["defaultRequest"]!["memory"]);
        Assert.Equal("1", (string?)item["max"]!["cpu"]);
    }

    [Fact]
    public async Task The_toolbox_pod_carries_the_budgets_resources_and_pids_limit()
    {
        var session = await StartAsync();

        var pod = _kube.Stored[("pods", "labs-system", session.ToolboxPod)];
        var limits = pod["spec"]!["containers"]![0]!["resources"]!["limits"]!;
        Assert.Equal("1", (string?)limits["cpu"]);
        Assert.Equal("512Mi", (string?)limits["memory"]);
        Assert.Equal("1Gi", (string?)limits["ephemeral-storage"]);
        Assert.NotNull(pod["spec"]!["containers"]![0]!["resources"]!["requests"]!["cpu"]);
        Assert.Equal("256", (string?)pod["metadata"]!["annotations"]!["labs.dev/pids-limit"]);
    }

    [Fact]
    public async Task A_lab_that_asks_for_a_larger_budget_gets_it()
    {
        var session = await StartAsync(SessionBudgets.Medium);

        Assert.Equal("20", (string?)_kube.Stored[("resourcequotas", session.Namespace, "labs-budget")]["spec"]!["hard"]!["pods"]);
        var pod = _kube.Stored[("pods", "labs-system", session.ToolboxPod)];
        Assert.Equal("2", (string?)pod["spec"]!["containers"]![0]!["resources"]!["limits"]!["cpu"]);
        Assert.Equal("512", (string?)pod["metadata"]!["annotations"]!["labs.dev/pids-limit"]);
    }

    [Fact]
    public async Task The_learner_may_read_but_not_change_the_budget_nor_grant_themselves_more_and_may_change_everything_else()
    {
        var session = await StartAsync();
        var role = _kube.Stored[("roles", session.Namespace, "learner")];

        foreach (var verb in new[] { "update", "patch", "delete", "deletecollection" })
        {
            Assert.False(Grants(role, "", "resourcequotas", verb), $"{verb} resourcequotas");
            Assert.False(Grants(role, "", "resourcequotas/status", verb), $"{verb} resourcequotas/status");
            Assert.False(Grants(role, "", "limitranges", verb), $"{verb} limitranges");
        }

        // More limits never loosen the budget, and creating a quota is lesson material.
        Assert.True(Grants(role, "", "resourcequotas", "create"));
        Assert.False(Grants(role, "", "resourcequotas/status", "create"));
        Assert.True(Grants(role, "", "resourcequotas", "get"));
        Assert.True(Grants(role, "", "limitranges", "list"));
        Assert.True(Grants(role, "", "pods", "create"));
        Assert.True(Grants(role, "", "pods/exec", "create"));
        Assert.True(Grants(role, "", "secrets", "delete"));
        Assert.True(Grants(role, "apps", "deployments", "patch"));
        Assert.True(Grants(role, "batch", "cronjobs", "create"));
        Assert.True(Grants(role, "networking.k8s.io", "networkpolicies", "create"));
        Assert.True(Grants(role, "rbac.authorization.k8s.io", "rolebindings", "create"));
        Assert.False(Grants(role, "rbac.authorization.k8s.io", "roles", "escalate"));
        Assert.False(Grants(role, "rbac.authorization.k8s.io", "clusterroles", "bind"));
    }

    [Fact]
    public void Each_preset_lets_the_pod_count_bind_before_cpu_or_memory()
    {
        foreach (var budget in SessionBudgets.All)
        {
            var pods = long.Parse(budget.Quota["pods"], CultureInfo.InvariantCulture);
            Assert.True(pods * Milli(budget.Containers.Default["cpu"]) <= Milli(budget.Quota["limits.cpu"]), budget.Name);
            Assert.True(pods * Milli(budget.Containers.DefaultRequest["cpu"]) <= Milli(budget.Quota["requests.cpu"]), budget.Name);
            Assert.True(pods * Mebi(budget.Containers.Default["memory"]) <= Mebi(budget.Quota["limits.memory"]), budget.Name);
            Assert.True(pods * Mebi(budget.Containers.DefaultRequest["memory"]) <= Mebi(budget.Quota["requests.memory"]), budget.Name);
        }
    }

    [Fact]
    public void An_unknown_budget_name_says_which_exist()
    {
        var error = Assert.Throws<ArgumentException>(() => SessionBudgets.Named("huge"));

        Assert.StartsWith("There is no session budget 'huge'; the budgets are: small, medium, large.", error.Message, StringComparison.Ordinal);
        Assert.Same(SessionBudgets.Large, SessionBudgets.Named("large"));
    }

    /// <summary>RBAC's rule matching: group, resource (with subresource) and verb each listed or <c>*</c>.</summary>
    private static bool Grants(JsonObject role, string group, string resource, string verb) =>
        role["rules"]!.AsArray().OfType<JsonObject>().Any(rule =>
            Lists(rule, "apiGroups", group) && Lists(rule, "resources", resource) && Lists(rule, "verbs", verb));

    private static bool Lists(JsonObject rule, string field, string value) =>
        rule[field]!.AsArray().Any(v => (string?)v == "*" || (string?)v == value);

    private static long Milli(string cpu) =>
        cpu.EndsWith('m') ? long.Parse(cpu[..^1], CultureInfo.InvariantCulture) : long.Parse(cpu, CultureInfo.InvariantCulture) * 1000;

    private static long Mebi(string memory) =>
        memory.EndsWith("Gi", StringComparison.Ordinal) ? long.Parse(memory[..^2], CultureInfo.InvariantCulture) * 1024 : long.Parse(memory[..^2], CultureInfo.InvariantCulture);
}
