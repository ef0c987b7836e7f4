using static Labs.Conformance.Tests.KubectlResult;

namespace Labs.Conformance.Tests;

/// <summary>
/// Kustomize as the CKA asks for it: an overlay over a base (namePrefix, labels, images, a strategic-merge patch, a
/// JSON 6902 patch, a configMapGenerator) rendered by <c>kubectl kustomize</c>, applied with <c>kubectl apply -k</c>
/// against the embedded cluster, changed and applied again, and deleted with <c>kubectl delete -k</c>.
/// </summary>
public sealed class KustomizeTests(KubectlCluster k) : IClassFixture<KubectlCluster>
{
    [Fact]
    public async Task An_overlay_renders_applies_rolls_its_generated_config_and_deletes()
    {
        var ns = await k.CreateNamespaceAsync();
        var root = k.NewDirectory();
        Write(root, "base/kustomization.yaml", "resources:\n- deployment.yaml\n- service.yaml\n");
        Write(root, "base/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 1
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.25
                    envFrom:
                    - configMapRef: {name: web-config}
            """);
        Write(root, "base/service.yaml", """
            apiVersion: v1
            kind: Service
            metadata:
              name: web
            spec:
              selector: {app: web}
              ports:
              - port: 80
            """);
        Write(root, "prod/kustomization.yaml", $"""
            namespace: {ns}
            namePrefix: prod-
            labels:
            - pairs: {"{"}env: prod{"}"}
              includeSelectors: false
            resources:
            - ../base
            images:
            - name: nginx
              newTag: "1.27"
            configMapGenerator:
            - name: web-config
              literals:
              - MODE=production
            patches:
            - path: replicas.yaml
            - target: {"{"}kind: Service, name: web{"}"}
              patch: |-
                - op: replace
                  path: /spec/ports/0/port
                  value: 8080
            """);
        Write(root, "prod/replicas.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n");
        var overlay = Path.Combine(root, "prod");

        var rendered = Ok(await k.RunAsync("kustomize", overlay), "kind: ConfigMap");
        Assert.Matches(@"name: prod-web-config-[a-z0-9]{10}", rendered);
        Assert.Contains("image: nginx:1.27", rendered, StringComparison.Ordinal);

        var applied = Ok(await k.RunAsync("apply", "-k", overlay), "deployment.apps/prod-web created");
        Assert.Matches(@"configmap/prod-web-config-[a-z0-9]{10} created", applied);
        Assert.Contains("service/prod-web created", applied, StringComparison.Ordinal);
        Assert.Equal("3 nginx:1.27 prod 8080", await JsonPathAsync(ns, "deployment/prod-web", "{.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.labels.env}") + " " +
            await JsonPathAsync(ns, "service/prod-web", "{.spec.ports[0].port}"));
        var firstConfig = await JsonPathAsync(ns, "deployment/prod-web", "{.spec.template.spec.containers[0].envFrom[0].configMapRef.name}");
        Assert.StartsWith("prod-web-config-", firstConfig, StringComparison.Ordinal);
        Assert.Equal("production", await JsonPathAsync(ns, $"configmap/{firstConfig}", "{.data.MODE}"));

        // A changed literal is a new ConfigMap (a new hash) and the Deployment follows it: a rollout, as on a real cluster.
        Write(root, "prod/kustomization.yaml", File.ReadAllText(Path.Combine(overlay, "kustomization.yaml")).Replace("MODE=production", "MODE=maintenance", StringComparison.Ordinal));
        var again = Ok(await k.RunAsync("apply", "-k", overlay), "deployment.apps/prod-web configured");
        Assert.Contains("service/prod-web unchanged", again, StringComparison.Ordinal);
        var secondConfig = await JsonPathAsync(ns, "deployment/prod-web", "{.spec.template.spec.containers[0].envFrom[0].configMapRef.name}");
        Assert.NotEqual(firstConfig, secondConfig);
        Assert.Equal("maintenance", await JsonPathAsync(ns, $"configmap/{secondConfig}", "{.data.MODE}"));
        Assert.Equal("2", await JsonPathAsync(ns, "deployment/prod-web", "{.metadata.generation}"));

        var deleted = Ok(await k.RunAsync("delete", "-k", overlay), "deployment.apps \"prod-web\" deleted");
        Assert.Contains("service \"prod-web\" deleted", deleted, StringComparison.Ordinal);
        var left = await k.RunAsync("get", "deployments,services", "-n", ns, "-o", "name");
        Assert.True(left.ExitCode == 0 && left.Stdout.Trim().Length == 0, left.ToString());
    }

    private async Task<string> JsonPathAsync(string ns, string what, string path)
    {
        var result = await k.RunAsync("get", what, "-n", ns, "-o", $"jsonpath={path}");
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout;
    }

    private static void Write(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text + "\n");
    }
}
