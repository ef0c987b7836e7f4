using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class ProtobufDecoderFixtureTests
{
    private readonly ProtobufDecoder _decoder = new();

    [Theory]
    [InlineData("clusterrole")]
    [InlineData("clusterrolebinding")]
    [InlineData("configmap")]
    [InlineData("cronjob")]
    [InlineData("hpa")]
    [InlineData("ingress")]
    [InlineData("job")]
    [InlineData("pdb")]
    [InlineData("priorityclass")]
    [InlineData("quota")]
    [InlineData("deployment")]
    [InlineData("deployment-cmd")]
    [InlineData("namespace")]
    [InlineData("role")]
    [InlineData("rolebinding")]
    [InlineData("secret-docker")]
    [InlineData("secret-generic")]
    [InlineData("service-clusterip")]
    [InlineData("service-nodeport")]
    [InlineData("serviceaccount")]
    public void Kubectl_request_body_decodes_to_the_json_kubectl_prints(string name)
    {
        var decoded = _decoder.Decode(SchemaFixtures.KubectlBody(name));

        SchemaFixtures.DropRecorderArguments(decoded);

        Assert.Equal(SchemaFixtures.Canonical(SchemaFixtures.KubectlExpected(name)), SchemaFixtures.Canonical(decoded));
    }

    [Theory]
    [InlineData("core.v1.ConfigMap")]
    [InlineData("core.v1.Secret")]
    [InlineData("core.v1.Namespace")]
    [InlineData("core.v1.ServiceAccount")]
    [InlineData("core.v1.Service")]
    [InlineData("rbac.authorization.k8s.io.v1.Role")]
    [InlineData("rbac.authorization.k8s.io.v1.RoleBinding")]
    [InlineData("rbac.authorization.k8s.io.v1.ClusterRole")]
    [InlineData("rbac.authorization.k8s.io.v1.ClusterRoleBinding")]
    [InlineData("authentication.k8s.io.v1.TokenRequest")]
    [InlineData("core.v1.Event")]
    [InlineData("core.v1.Pod")]
    [InlineData("apps.v1.Deployment")]
    [InlineData("apps.v1.ReplicaSet")]
    [InlineData("batch.v1.Job")]
    [InlineData("batch.v1.CronJob")]
    [InlineData("apps.v1.DaemonSet")]
    [InlineData("apps.v1.StatefulSet")]
    [InlineData("core.v1.PersistentVolumeClaim")]
    [InlineData("core.v1.LimitRange")]
    [InlineData("core.v1.Endpoints")]
    [InlineData("networking.k8s.io.v1.NetworkPolicy")]
    [InlineData("storage.k8s.io.v1.StorageClass")]
    [InlineData("core.v1.Node")]
    [InlineData("core.v1.PersistentVolume")]
    [InlineData("discovery.k8s.io.v1.EndpointSlice")]
    [InlineData("authorization.k8s.io.v1.SelfSubjectAccessReview")]
    [InlineData("authorization.k8s.io.v1.SelfSubjectRulesReview")]
    [InlineData("authentication.k8s.io.v1.SelfSubjectReview")]
    [InlineData("networking.k8s.io.v1.Ingress")]
    [InlineData("policy.v1.PodDisruptionBudget")]
    [InlineData("scheduling.k8s.io.v1.PriorityClass")]
    [InlineData("core.v1.ResourceQuota")]
    [InlineData("autoscaling.v1.HorizontalPodAutoscaler")]
    public void Kubernetes_round_trip_object_decodes_to_its_json(string name)
    {
        byte[] body = File.ReadAllBytes(Path.Combine(SchemaFixtures.RoundTrip, name + ".pb"));
        string expected = File.ReadAllText(Path.Combine(SchemaFixtures.RoundTrip, name + ".json"));

        var decoded = _decoder.Decode(body);

        Assert.Equal(SchemaFixtures.Canonical(System.Text.Json.Nodes.JsonNode.Parse(expected)), SchemaFixtures.Canonical(decoded));
    }

    [Fact]
    public void Kubectl_create_token_body_decodes_to_a_token_request_with_the_duration()
    {
        var decoded = _decoder.Decode(SchemaFixtures.KubectlBody("token"));

        Assert.Equal("authentication.k8s.io/v1", decoded["apiVersion"]!.GetValue<string>());
        Assert.Equal("TokenRequest", decoded["kind"]!.GetValue<string>());
        Assert.Equal(3600, decoded["spec"]!["expirationSeconds"]!.GetValue<long>());
    }
}
