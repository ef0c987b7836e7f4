using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Admission;

/// <summary>The cluster's real store behind admission, with one namespace, and small builders of the objects the tests write.</summary>
internal sealed class AdmissionFixture
{
    public const string Ns = "learner";

    public static readonly GroupResource Pods = new("", "pods");
    public static readonly GroupResource Quotas = new("", "resourcequotas");
    public static readonly GroupResource LimitRanges = new("", "limitranges");
    public static readonly GroupResource Services = new("", "services");
    public static readonly GroupResource ConfigMaps = new("", "configmaps");
    public static readonly GroupResource Deployments = new("apps", "deployments");
    public static readonly GroupResource Claims = new("", "persistentvolumeclaims");

    public AdmissionFixture()
    {
        Store = new AdmittingObjectStore(new InMemoryObjectStore());
        Store.Create(new GroupResource("", "namespaces"), null, Parse($$$"""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"{{{Ns}}}"}}"""));
    }

    public AdmittingObjectStore Store { get; }

    public static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    public JsonObject Create(GroupResource resource, string json) => Store.Create(resource, Ns, Parse(json));

    /// <summary>The error a create is refused with.</summary>
    public ApiException Refused(GroupResource resource, string json) => Assert.Throws<ApiException>(() => Create(resource, json));

    public JsonObject Quota(string hard, string name = "labs-budget", string extraSpec = "") =>
        Create(Quotas, $$$"""{"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"{{{name}}}"},"spec":{"hard":{{{{hard}}}}{{{extraSpec}}}}}""");

    public JsonObject LimitRange(string item, string name = "labs-budget") =>
        Create(LimitRanges, $$$"""{"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"{{{name}}}"},"spec":{"limits":[{{{item}}}]}}""");

    /// <summary>A pod with one container <c>app</c>; <paramref name="resources"/> is its resources object.</summary>
    public static string Pod(string name, string resources = "{}", string extra = "") =>
        $$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"{{{name}}}"},"spec":{"containers":[{"name":"app","image":"nginx","resources":{{{resources}}}}]{{{extra}}}}}""";

    public JsonObject Used(string quota = "labs-budget") => Store.Get(Quotas, Ns, quota)!["status"]!["used"]!.AsObject();
}
