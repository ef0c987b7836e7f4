using Labs.Cluster.Schema;

namespace Labs.Cluster.Tests.Schema;

public sealed class TypeModelTests
{
    private readonly TypeModel _model = TypeModel.Default;

    [Fact]
    public void Strategic_merge_metadata_can_be_looked_up_by_path()
    {
        var containers = _model.FieldAt("apps/v1", "Deployment", ["spec", "template", "spec", "containers"])!;
        var ports = _model.FieldAt("v1", "Pod", ["spec", "containers", "ports"])!;
        var tolerations = _model.FieldAt("v1", "Pod", ["spec", "tolerations"])!;

        Assert.Equal(("name", "merge"), (containers.MergeKey, containers.PatchStrategy));
        Assert.Equal("containerPort", ports.MergeKey);
        Assert.Null(tolerations.MergeKey);
        Assert.Null(_model.FieldAt("v1", "Pod", ["spec", "bogus"]));
        Assert.Null(_model.FieldAt("example.com/v1", "Widget", ["spec"]));
    }

    [Fact]
    public void Every_served_kind_is_modelled_with_metadata()
    {
        string[] kinds = ["v1/Pod", "v1/Namespace", "v1/ConfigMap", "v1/Secret", "v1/Service", "v1/ServiceAccount", "v1/Node", "v1/Event",
            "apps/v1/Deployment", "apps/v1/ReplicaSet", "rbac.authorization.k8s.io/v1/Role", "rbac.authorization.k8s.io/v1/RoleBinding",
            "rbac.authorization.k8s.io/v1/ClusterRole", "rbac.authorization.k8s.io/v1/ClusterRoleBinding", "authentication.k8s.io/v1/TokenRequest",
            "autoscaling/v1/Scale"];

        foreach (string gvk in kinds)
        {
            int slash = gvk.LastIndexOf('/');
            var type = _model.FindKind(gvk[..slash], gvk[(slash + 1)..]);
            Assert.True(type is not null, gvk);
            Assert.Equal("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", type.FieldByJsonName("metadata")!.Ref);
        }
    }
}
