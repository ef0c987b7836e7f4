using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Labs.Web.Tests;

public sealed class SetupScriptTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("labs-setup-").FullName;
    private WebApplicationFactory<Program> _factory = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // Pods' sandboxes run as users of their own and pass through here to reach the data directory.
        File.SetUnixFileMode(_root, File.GetUnixFileMode(_root) | UnixFileMode.OtherExecute);
        WriteLab("scripted", "kubectl create configmap from-script --from-literal=made-by=setup\n");
        WriteLab("broken", "echo about to fail\nkubectl get secret nope\n");
        WriteLab("budgeted", """
            out=$(kubectl delete resourcequota labs-budget 2>&1) && exit 1
            ns=$(kubectl config view --minify -o jsonpath='{..namespace}')
            grant=$(kubectl create rolebinding me --clusterrole=cluster-admin --serviceaccount="$ns:learner" 2>&1) && exit 1
            kubectl create configmap attempt --from-literal=delete="$out" --from-literal=grant="$grant"
            """, "budget: medium\n");
        WriteLab("with-files", "kubectl create configmap from-script --from-file=chart=charts/web/Chart.yaml --from-literal=run=\"$(./bin/hello.sh)\"\n");
        WriteHomeFile("with-files", "charts/web/Chart.yaml", "apiVersion: v2\nname: web\n", executable: false);
        WriteHomeFile("with-files", "bin/hello.sh", "#!/bin/sh\necho hello from $(pwd)\n", executable: true);
        WriteLab("from-repo", "helm repo add labs \"$LABS_CHARTS\" >/dev/null\nkubectl create configmap from-script --from-literal=search=\"$(helm search repo labs/ -o json)\"\n");
        WriteChart("tiny", "apiVersion: v2\nname: tiny\nversion: 0.3.0\nappVersion: \"1.0\"\n");
        WriteLab("needs-tools", "true\n", "tools: [kubectl, labs-no-such-tool, bash, labs-nor-this]\n");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Cluster:DataDirectory", Path.Combine(_root, "data"));
            builder.UseSetting("Content:LabsDirectory", Path.Combine(_root, "labs"));
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Temp files; the OS cleans them up.
        }
    }

    [Fact]
    public async Task The_setup_script_runs_as_the_learner_in_their_namespace_before_the_session_is_handed_over()
    {
        var started = await _factory.CreateClient().PostAsync("/api/labs/scripted/sessions", null, Cancel);

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var ns = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["namespace"]!.GetValue<string>();
        var made = await _factory.Services.GetRequiredService<IKubernetes>().CoreV1.ReadNamespacedConfigMapAsync("from-script", ns, cancellationToken: Cancel);
        Assert.Equal("setup", made.Data["made-by"]);
    }

    [Fact]
    public async Task A_failing_setup_script_answers_503_with_what_the_script_said()
    {
        var started = await _factory.CreateClient().PostAsync("/api/labs/broken/sessions", null, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, started.StatusCode);
        var detail = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["detail"]!.GetValue<string>();
        Assert.Contains("setup script exited with code 1", detail, StringComparison.Ordinal);
        Assert.Contains("secrets \"nope\" not found", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_learner_works_within_the_labs_budget_and_can_neither_remove_it_nor_bind_themselves_a_bigger_role()
    {
        var started = await _factory.CreateClient().PostAsync("/api/labs/budgeted/sessions", null, Cancel);

        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync(Cancel));
        var ns = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["namespace"]!.GetValue<string>();
        var kube = _factory.Services.GetRequiredService<IKubernetes>();
        var attempt = await kube.CoreV1.ReadNamespacedConfigMapAsync("attempt", ns, cancellationToken: Cancel);
        Assert.Equal(
            $"Error from server (Forbidden): resourcequotas \"labs-budget\" is forbidden: User \"system:serviceaccount:{ns}:learner\" cannot delete resource \"resourcequotas\" in API group \"\" in the namespace \"{ns}\"",
            attempt.Data["delete"]);
        Assert.Contains($"rolebindings.rbac.authorization.k8s.io \"me\" is forbidden: user \"system:serviceaccount:{ns}:learner\"", attempt.Data["grant"], StringComparison.Ordinal);
        Assert.Contains("is attempting to grant RBAC permissions not currently held", attempt.Data["grant"], StringComparison.Ordinal);
        var quota = await kube.CoreV1.ReadNamespacedResourceQuotaAsync("labs-budget", ns, cancellationToken: Cancel);
        Assert.Equal("20", quota.Spec.Hard["pods"].ToString());
        Assert.Equal("20", quota.Status.Hard["pods"].ToString());
    }

    [Fact]
    public async Task The_labs_files_are_in_the_learners_home_with_their_execute_bits_before_the_setup_script_runs()
    {
        var started = await _factory.CreateClient().PostAsync("/api/labs/with-files/sessions", null, Cancel);

        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync(Cancel));
        var ns = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["namespace"]!.GetValue<string>();
        var made = await _factory.Services.GetRequiredService<IKubernetes>().CoreV1.ReadNamespacedConfigMapAsync("from-script", ns, cancellationToken: Cancel);
        Assert.Equal("apiVersion: v2\nname: web\n", made.Data["chart"]);
        Assert.Equal("hello from /home/learner", made.Data["run"]);
    }

    [Fact]
    public async Task A_lab_whose_tools_the_toolbox_lacks_does_not_start_and_says_which_are_missing()
    {
        var started = await _factory.CreateClient().PostAsync("/api/labs/needs-tools/sessions", null, Cancel);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, started.StatusCode);
        var detail = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["detail"]!.GetValue<string>();
        Assert.Contains("it needs labs-no-such-tool, labs-nor-this, which the toolbox does not have", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_librarys_chart_repository_is_open_on_the_platform_and_the_learners_helm_reaches_it_at_LABS_CHARTS()
    {
        using var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var index = await anonymous.GetAsync("/charts/index.yaml", Cancel);
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Contains("tiny-0.3.0.tgz", await index.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/charts/nothing-1.0.0.tgz", Cancel)).StatusCode);

        var started = await _factory.CreateClient().PostAsync("/api/labs/from-repo/sessions", null, Cancel);

        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync(Cancel));
        var ns = (await started.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["namespace"]!.GetValue<string>();
        var made = await _factory.Services.GetRequiredService<IKubernetes>().CoreV1.ReadNamespacedConfigMapAsync("from-script", ns, cancellationToken: Cancel);
        Assert.Contains("\"name\":\"labs/tiny\",\"version\":\"0.3.0\"", made.Data["search"], StringComparison.Ordinal);
    }

    private void WriteChart(string name, string chartYaml)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "labs", "_charts", name, "templates")).Parent!.FullName;
        File.WriteAllText(Path.Combine(dir, "Chart.yaml"), chartYaml);
        File.WriteAllText(Path.Combine(dir, "templates", "configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n");
    }

    private void WriteHomeFile(string id, string path, string text, bool executable)
    {
        var file = Path.Combine(_root, "labs", id, "files", path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        if (executable)
            File.SetUnixFileMode(file, File.GetUnixFileMode(file) | UnixFileMode.UserExecute);
    }

    private void WriteLab(string id, string script, string frontMatter = "")
    {
        var dir = Directory.CreateDirectory(Path.Combine(_root, "labs", id, "setup")).Parent!.FullName;
        File.WriteAllText(Path.Combine(dir, "setup", "setup.sh"), script);
        File.WriteAllText(Path.Combine(dir, "lab.md"), $$"""
            ---
            id: {{id}}
            title: Scripted setup
            summary: A lab whose setup runs a script.
            difficulty: beginner
            duration: 5m
            {{frontMatter}}---

            ```task
            id: made
            title: The script made a ConfigMap
            checks:
              - resource: v1/ConfigMap/from-script
            ```
            """);
    }
}
