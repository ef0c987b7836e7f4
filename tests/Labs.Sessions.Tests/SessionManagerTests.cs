using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Testing;

namespace Labs.Sessions.Tests;

public sealed class SessionManagerTests
{
    private const string Learner = "learner-1";

    private readonly FakeKubernetesApi _kube = new();
    private readonly FakePodExec _exec = new();
    private readonly SessionRegistry _registry = new();

    private SessionManager Manager(Action<LabSessionOptions>? configure = null)
    {
        var options = new LabSessionOptions
        {
            ToolboxServer = new Uri("https://127.0.0.1:6443"),
            ToolboxCertificateAuthorityPem = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            ToolboxReadyTimeout = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(options);
        return Managers.Create(_kube, _registry, options, _exec);
    }

    [Fact]
    public async Task Starting_a_session_creates_the_namespace_isolation_rbac_toolbox_and_token_in_order()
    {
        var session = await Manager().StartAsync("deployments-101", Learner, null, TestContext.Current.CancellationToken);

        Assert.Equal($"lab-{session.Id}", session.Namespace);
        Assert.Equal(
            [
                "create Namespace /labs-system",
                $"create Namespace /{session.Namespace}",
                $"create ResourceQuota {session.Namespace}/labs-budget",
                $"create LimitRange {session.Namespace}/labs-budget",
                $"create NetworkPolicy {session.Namespace}/labs-isolation",
                $"create ServiceAccount {session.Namespace}/learner",
                $"create Role {session.Namespace}/learner",
                $"create RoleBinding {session.Namespace}/learner",
                $"create Secret labs-system/{session.ToolboxPod}",
                $"create Pod labs-system/{session.ToolboxPod}",
                $"create ServiceAccount/token {session.Namespace}/learner",
            ],
            _kube.Log);
        Assert.Same(session, _registry.Find(session.Id));
    }

    [Fact]
    public async Task The_role_is_limited_to_the_learners_namespace_and_bound_to_their_service_account()
    {
        var session = await Manager().StartAsync("lab", Learner, null, TestContext.Current.CancellationToken);

        var binding = _kube.Stored[("rolebindings", session.Namespace, "learner")];
        Assert.Equal("Role", binding["roleRef"]!["kind"]!.GetValue<string>());
        Assert.Equal(session.Namespace, binding["subjects"]![0]!["namespace"]!.GetValue<string>());
        Assert.False(_kube.Stored.ContainsKey(("clusterrolebindings", null, "learner")));
    }

    [Fact]
    public async Task The_toolbox_kubeconfig_carries_the_learners_token_namespace_server_and_ca()
    {
        var session = await Manager().StartAsync("lab", Learner, null, TestContext.Current.CancellationToken);

        var secret = _kube.Stored[("secrets", "labs-system", session.ToolboxPod)];
        Assert.Null(secret["data"]!["kubeconfig"]); // Written into the pod by exec, never kept in a Secret.
        Assert.Contains(_exec.Requests, r => Managers.IsKubeconfigWrite(r) && r.Pod == session.ToolboxPod);
        var kubeconfig = Assert.Single(Managers.Kubeconfigs(_exec));
        Assert.Contains($"token: token-for-{session.Namespace}-learner", kubeconfig, StringComparison.Ordinal);
        Assert.Contains($"namespace: {session.Namespace}", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("server: https://127.0.0.1:6443", kubeconfig, StringComparison.Ordinal);
        Assert.Contains("certificate-authority-data: ", kubeconfig, StringComparison.Ordinal);
        var bashrc = Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["bashrc"]!.GetValue<string>()));
        Assert.Contains("alias k=kubectl", bashrc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_step_removes_what_was_created_and_names_the_step()
    {
        _kube.Fail("create", "rolebindings", HttpStatusCode.Forbidden, "forbidden");

        var error = await Assert.ThrowsAsync<SessionStartException>(() => Manager().StartAsync("lab", Learner, null, TestContext.Current.CancellationToken));

        Assert.Contains("failed to create the learner's RoleBinding", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_kube.Stored.Keys, k => k.Plural == "namespaces" && k.Name.StartsWith("lab-", StringComparison.Ordinal));
        Assert.Empty(_registry.All);
    }

    [Fact]
    public async Task A_toolbox_that_never_runs_times_out_with_a_clear_message()
    {
        _kube.PodsRun = false;

        var error = await Assert.ThrowsAsync<SessionStartException>(() => Manager().StartAsync("lab", Learner, null, TestContext.Current.CancellationToken));

        Assert.Contains("was not Running after 1 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ending_a_session_deletes_its_namespace_and_toolbox()
    {
        var manager = Manager();
        var session = await manager.StartAsync("lab", Learner, null, TestContext.Current.CancellationToken);

        Assert.True(await manager.EndAsync(session.Id, TestContext.Current.CancellationToken));

        Assert.Null(_registry.Find(session.Id));
        Assert.Contains($"delete Namespace /{session.Namespace}", _kube.Log);
        Assert.Contains($"delete Pod labs-system/{session.ToolboxPod}", _kube.Log);
        Assert.False(await manager.EndAsync(session.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Session_ids_are_distinct_and_valid_in_dns_names()
    {
        var ids = Enumerable.Range(0, 200).Select(_ => SessionIds.New()).ToHashSet();
        Assert.Equal(200, ids.Count);
        Assert.All(ids, id => Assert.Matches("^[a-z0-9]{16}$", id));
    }

    [Fact]
    public async Task The_labs_setup_objects_are_created_in_the_learners_namespace_before_the_toolbox()
    {
        var configMap = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "legacy" },
        };

        var session = await Manager().StartAsync("lab", Learner, new LabSetup([new LabSetupObject(configMap, "labs/lab/setup/cm.yaml:1")]), TestContext.Current.CancellationToken);

        Assert.True(_kube.Stored.ContainsKey(("configmaps", session.Namespace, "legacy")));
        Assert.True(_kube.Log.IndexOf($"create ConfigMap {session.Namespace}/legacy") < _kube.Log.IndexOf($"create Pod labs-system/{session.ToolboxPod}"));
        Assert.Null(configMap["metadata"]!["namespace"]);
    }

    [Fact]
    public async Task A_cluster_scoped_setup_object_is_refused_and_nothing_is_left_behind()
    {
        var clusterRole = new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = new JsonObject { ["name"] = "too-much" },
        };

        var error = await Assert.ThrowsAsync<SessionStartException>(
            () => Manager().StartAsync("lab", Learner, new LabSetup([new LabSetupObject(clusterRole, "labs/lab/setup/role.yaml:1")]), TestContext.Current.CancellationToken));

        Assert.Contains("labs/lab/setup/role.yaml:1: ClusterRole is cluster-scoped", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_kube.Stored.Keys, k => k.Plural == "namespaces" && k.Name.StartsWith("lab-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_labs_setup_script_runs_in_the_toolbox_once_it_runs()
    {
        var exec = FakeExecSession.Scripted("ok\n", 0);
        _exec.Then(exec);

        var session = await Manager().StartAsync("lab", Learner, new LabSetup([], "kubectl create configmap x\n"), TestContext.Current.CancellationToken);

        var request = Assert.Single(_exec.Requests, r => !Managers.IsKubeconfigWrite(r));
        Assert.Equal(("labs-system", session.ToolboxPod, string.Join(' ', ToolboxCommands.Script)), (request.Namespace, request.Pod, string.Join(' ', request.Command)));
        Assert.False(request.Tty);
        Assert.Equal("kubectl create configmap x\n", exec.StdinText);
        Assert.True(exec.StdinClosed);
    }

    [Fact]
    public async Task A_failing_setup_script_fails_the_start_with_its_last_words_and_cleans_up()
    {
        _exec.Then(FakeExecSession.Scripted("step 1\nerror: no such thing\n", 3));

        var error = await Assert.ThrowsAsync<SessionStartException>(
            () => Manager().StartAsync("lab", Learner, new LabSetup([], "exit 3"), TestContext.Current.CancellationToken));

        Assert.Equal("Could not start the lab: its setup script exited with code 3: step 1\nerror: no such thing", error.Message);
        Assert.DoesNotContain(_kube.Stored.Keys, k => k.Plural == "pods");
        Assert.Empty(_registry.All);
    }

    [Fact]
    public async Task A_setup_object_of_a_kind_the_cluster_does_not_serve_names_the_kind_and_the_lab_file()
    {
        var widget = new JsonObject
        {
            ["apiVersion"] = "example.com/v1",
            ["kind"] = "Widget",
            ["metadata"] = new JsonObject { ["name"] = "w" },
        };

        var error = await Assert.ThrowsAsync<SessionStartException>(
            () => Manager().StartAsync("lab", Learner, new LabSetup([new LabSetupObject(widget, "labs/lab/setup/widget.yaml:4")]), TestContext.Current.CancellationToken));

        Assert.Equal(
            "Could not start the lab: labs/lab/setup/widget.yaml:4: the cluster serves no apiVersion example.com/v1, so it has no kind Widget there.",
            error.Message);
        Assert.DoesNotContain(_kube.Stored.Keys, k => k.Plural == "namespaces" && k.Name.StartsWith("lab-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_setup_object_of_an_unknown_kind_in_a_served_group_lists_the_kinds_it_has()
    {
        var thing = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deploymnet",
            ["metadata"] = new JsonObject { ["name"] = "web" },
        };

        var error = await Assert.ThrowsAsync<SessionStartException>(
            () => Manager().StartAsync("lab", Learner, new LabSetup([new LabSetupObject(thing, "labs/lab/setup/web.yaml:1")]), TestContext.Current.CancellationToken));

        Assert.Contains("labs/lab/setup/web.yaml:1: the cluster has no kind Deploymnet in apiVersion apps/v1 (it serves Deployment)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_toolbox_server_the_learners_kubeconfig_points_where_the_platform_does()
    {
        await Manager(o => o.ToolboxServer = null).StartAsync("lab", Learner, null, TestContext.Current.CancellationToken);

        Assert.Contains("server: https://127.0.0.1:16443", Assert.Single(Managers.Kubeconfigs(_exec)), StringComparison.Ordinal);
    }
}
