using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Workloads.Metrics;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Workloads;

public sealed partial class WorkloadSimulator
{
    private MetricsApi? _metricsApi;

    /// <summary>The group-version of the resource metrics API (metrics.k8s.io/v1beta1) that <see cref="GetMetrics"/> serves.</summary>
    public static string MetricsGroupVersion => MetricsApi.GroupVersion;

    /// <summary>Discovery's entries of the resource metrics API: nodes and pods, get and list.</summary>
    public static JsonArray MetricsDiscovery() => MetricsApi.Discovery();

    /// <summary>
    /// Answers a GET under <c>/apis/metrics.k8s.io/v1beta1</c> (already authorized): NodeMetrics and PodMetrics as
    /// metrics-server gives them. Failures are <see cref="ApiException"/>s for the API pipeline to answer.
    /// </summary>
    /// <param name="request">The parsed request.</param>
    /// <param name="query">The query string (labelSelector, fieldSelector).</param>
    public JsonObject GetMetrics(ApiRequest request, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(query);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _metricsApi ??= new MetricsApi(_store, _sandboxes.Usage, TimeProvider.System);
        return _metricsApi.Get(request, query["labelSelector"], query["fieldSelector"]);
    }
}
