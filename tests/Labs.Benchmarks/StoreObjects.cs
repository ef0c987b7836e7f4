using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Benchmarks;

/// <summary>What the store benchmarks store: pods as the embedded kubelet leaves them Running (about 2 KB of JSON each).</summary>
internal static class StoreObjects
{
    public static readonly GroupResource Namespaces = new("", "namespaces");
    public static readonly GroupResource Pods = new("", "pods");

    public static string Namespace(int index) => $"bench-{index}";

    public static JsonObject Pod(string ns, string name, int revision = 0) => (JsonObject)JsonNode.Parse($$"""
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": {
            "name": "{{name}}", "namespace": "{{ns}}", "labels": { "app": "web", "pod-template-hash": "7c5ddbdf54" },
            "annotations": { "labs.dev/revision": "{{revision}}" },
            "ownerReferences": [ { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7c5ddbdf54", "uid": "5d0c1f0e-64a1-4d3a-9f1e-1b2c3d4e5f60", "controller": true, "blockOwnerDeletion": true } ]
          },
          "spec": {
            "containers": [ {
              "name": "web", "image": "nginx:1.27", "ports": [ { "containerPort": 80, "protocol": "TCP" } ],
              "resources": { "limits": { "cpu": "500m", "memory": "256Mi" }, "requests": { "cpu": "100m", "memory": "64Mi" } },
              "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent",
              "volumeMounts": [ { "name": "kube-api-access", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true } ]
            } ],
            "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst", "serviceAccountName": "default",
            "nodeName": "bench-node", "schedulerName": "default-scheduler", "priority": 0, "enableServiceLinks": true, "preemptionPolicy": "PreemptLowerPriority",
            "tolerations": [ { "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300 } ],
            "volumes": [ { "name": "kube-api-access", "projected": { "defaultMode": 420, "sources": [ { "serviceAccountToken": { "expirationSeconds": 3607, "path": "token" } } ] } } ]
          },
          "status": {
            "phase": "Running", "qosClass": "Burstable", "hostIP": "10.0.0.2", "podIP": "10.244.0.17", "startTime": "2026-01-01T12:00:00Z",
            "conditions": [
              { "type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-01-01T12:00:01Z" },
              { "type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-01-01T12:00:00Z" },
              { "type": "Ready", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-01-01T12:00:01Z" },
              { "type": "ContainersReady", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-01-01T12:00:01Z" },
              { "type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2026-01-01T12:00:00Z" }
            ],
            "containerStatuses": [ {
              "name": "web", "ready": true, "started": true, "restartCount": 0, "image": "docker.io/library/nginx:1.27",
              "imageID": "docker.io/library/nginx@sha256:0f04e4f646a3f14bf31d8bc8d885b6c951fdcf42589d06845f64d18aec6a3c4d",
              "containerID": "labs-sim://3b4a6f1c2d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a",
              "lastState": {}, "state": { "running": { "startedAt": "2026-01-01T12:00:01Z" } }
            } ]
          }
        }
        """)!;

    /// <summary>Creates <paramref name="namespaces"/> namespaces of <paramref name="podsPerNamespace"/> pods each, with many writers at once.</summary>
    public static void Fill(IObjectStore store, int namespaces, int podsPerNamespace)
    {
        for (var n = 0; n < namespaces; n++)
        {
            store.Create(Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = Namespace(n) } });
        }

        Parallel.For(0, namespaces, new ParallelOptions { MaxDegreeOfParallelism = 64 }, n =>
        {
            for (var p = 0; p < podsPerNamespace; p++)
            {
                store.Create(Pods, Namespace(n), Pod(Namespace(n), $"web-{p}"));
            }
        });
    }
}
