using k8s;
using k8s.Models;
using Xunit.Sdk;

namespace Labs.Conformance.Tests.Client;

public sealed class LosslessTests
{
    [Fact]
    public void A_field_the_model_does_not_know_is_reported_as_lost()
    {
        const string raw = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"},"data":{"k":"v"},"surprise":1}""";

        var error = Assert.ThrowsAny<XunitException>(() => Lossless.Assert(raw, KubernetesJson.Deserialize<V1ConfigMap>(raw), "get ConfigMap"));

        Assert.Contains("$.surprise: the server sent 1, the model has nothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_the_model_changes_is_reported_with_both_values()
    {
        const string raw = """{"apiVersion":"v1","kind":"Service","metadata":{"name":"a"},"spec":{"ports":[{"port":80,"targetPort":"8080"}]}}""";

        var error = Assert.ThrowsAny<XunitException>(() => Lossless.Assert(raw, KubernetesJson.Deserialize<V1Service>(raw), "get Service"));

        Assert.Contains("$.spec.ports[0].targetPort: the server sent \"8080\", the model has 8080", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nulls_in_the_answer_count_as_absent()
    {
        const string raw = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","creationTimestamp":null}}""";

        Lossless.Assert(raw, KubernetesJson.Deserialize<V1ConfigMap>(raw), "get ConfigMap");
    }
}
