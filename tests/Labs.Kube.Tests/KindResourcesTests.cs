namespace Labs.Kube.Tests;

public sealed class KindResourcesTests
{
    [Fact]
    public void Known_kinds_map_to_the_contract_types()
    {
        Assert.Equal(ResourceType.Deployments, KindResources.Resolve("apps/v1", "Deployment"));
        Assert.Equal(ResourceType.ConfigMaps, KindResources.Resolve("v1", "ConfigMap"));
        Assert.Equal(ResourceType.RoleBindings, KindResources.Resolve("rbac.authorization.k8s.io/v1", "RoleBinding"));
        Assert.False(KindResources.Resolve("v1", "Namespace").Namespaced);
    }

    [Theory]
    [InlineData("apps/v1", "StatefulSet", "apps", "statefulsets", true)]
    [InlineData("networking.k8s.io/v1", "Ingress", "networking.k8s.io", "ingresses", true)]
    [InlineData("networking.k8s.io/v1", "NetworkPolicy", "networking.k8s.io", "networkpolicies", true)]
    [InlineData("batch/v1", "CronJob", "batch", "cronjobs", true)]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole", "rbac.authorization.k8s.io", "clusterroles", false)]
    [InlineData("v1", "Endpoints", "", "endpoints", true)]
    public void Other_kinds_follow_the_kubernetes_plural_guess(string apiVersion, string kind, string group, string plural, bool namespaced)
    {
        var type = KindResources.Resolve(apiVersion, kind);

        Assert.Equal(new ResourceType(group, "v1", plural, kind, namespaced), type);
    }
}
