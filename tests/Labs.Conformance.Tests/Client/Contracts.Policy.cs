using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s;
using k8s.Models;

namespace Labs.Conformance.Tests.Client;

public static partial class Contracts
{
    // A real PKCS#10 request, as `openssl req -new` would make for a learner's client certificate.
    private static byte[] CertificateRequestPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=jane,O=learners", key, HashAlgorithmName.SHA256);
        return Encoding.ASCII.GetBytes(request.CreateSigningRequestPem());
    }

    private static readonly KindContract[] s_policy =
    [
        new KindContractOf<V1PodDisruptionBudget, V1PodDisruptionBudgetList>
        {
            Group = "policy", Plural = "poddisruptionbudgets", KindName = "PodDisruptionBudget", Namespaced = true,
            Manifest = (ns, name) => new V1PodDisruptionBudget { ApiVersion = "policy/v1", Kind = "PodDisruptionBudget", Metadata = Meta(name, ns), Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = Selector() } },
            Create = (k, o, ns, c) => k.PolicyV1.CreateNamespacedPodDisruptionBudgetAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.PolicyV1.ReadNamespacedPodDisruptionBudgetAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.PolicyV1.ListNamespacedPodDisruptionBudgetAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.PolicyV1.WatchListNamespacedPodDisruptionBudgetAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1PriorityClass, V1PriorityClassList>
        {
            Group = "scheduling.k8s.io", Plural = "priorityclasses", KindName = "PriorityClass", Namespaced = false,
            Manifest = (_, name) => new V1PriorityClass { ApiVersion = "scheduling.k8s.io/v1", Kind = "PriorityClass", Metadata = Meta(name), Value = 1000, Description = "batch work before best effort" },
            Create = (k, o, _, c) => k.SchedulingV1.CreatePriorityClassAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.SchedulingV1.ReadPriorityClassAsync(n, cancellationToken: c),
            List = (k, _, c) => k.SchedulingV1.ListPriorityClassAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.SchedulingV1.WatchListPriorityClassAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.SchedulingV1.PatchPriorityClassAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.SchedulingV1.DeletePriorityClassAsync(n, cancellationToken: c),
        },
        new KindContractOf<V1Lease, V1LeaseList>
        {
            Group = "coordination.k8s.io", Plural = "leases", KindName = "Lease", Namespaced = true,
            Manifest = (ns, name) => new V1Lease
            {
                ApiVersion = "coordination.k8s.io/v1", Kind = "Lease", Metadata = Meta(name, ns),
                // MicroTimes with a fraction: the client writes a whole second without one, which the API server's
                // RFC3339Micro parsing refuses (a real cluster's too: `cannot parse "Z" as ".000000"`).
                Spec = new V1LeaseSpec
                {
                    HolderIdentity = "controller-0", LeaseDurationSeconds = 15, LeaseTransitions = 0,
                    AcquireTime = new DateTime(2025, 1, 2, 3, 4, 5, 250, DateTimeKind.Utc), RenewTime = new DateTime(2025, 1, 2, 3, 4, 20, 500, DateTimeKind.Utc),
                },
            },
            Create = (k, o, ns, c) => k.CoordinationV1.CreateNamespacedLeaseAsync(o, ns, cancellationToken: c),
            Read = (k, ns, n, c) => k.CoordinationV1.ReadNamespacedLeaseAsync(n, ns, cancellationToken: c),
            List = (k, ns, c) => k.CoordinationV1.ListNamespacedLeaseAsync(ns, cancellationToken: c),
            Watch = (k, ns, f, c) => k.CoordinationV1.WatchListNamespacedLeaseAsync(ns, fieldSelector: f, cancellationToken: c),
            Patch = (k, p, ns, n, c) => k.CoordinationV1.PatchNamespacedLeaseAsync(p, n, ns, cancellationToken: c),
            Delete = async (k, ns, n, c) => await k.CoordinationV1.DeleteNamespacedLeaseAsync(n, ns, cancellationToken: c),
        },
        new KindContractOf<V1CertificateSigningRequest, V1CertificateSigningRequestList>
        {
            Group = "certificates.k8s.io", Plural = "certificatesigningrequests", KindName = "CertificateSigningRequest", Namespaced = false,
            Manifest = (_, name) => new V1CertificateSigningRequest
            {
                ApiVersion = "certificates.k8s.io/v1", Kind = "CertificateSigningRequest", Metadata = Meta(name),
                Spec = new V1CertificateSigningRequestSpec { Request = CertificateRequestPem(), SignerName = "kubernetes.io/kube-apiserver-client", Usages = ["client auth"], ExpirationSeconds = 86400 },
            },
            Create = (k, o, _, c) => k.CertificatesV1.CreateCertificateSigningRequestAsync(o, cancellationToken: c),
            Read = (k, _, n, c) => k.CertificatesV1.ReadCertificateSigningRequestAsync(n, cancellationToken: c),
            List = (k, _, c) => k.CertificatesV1.ListCertificateSigningRequestAsync(cancellationToken: c),
            Watch = (k, _, f, c) => k.CertificatesV1.WatchListCertificateSigningRequestAsync(fieldSelector: f, cancellationToken: c),
            Patch = (k, p, _, n, c) => k.CertificatesV1.PatchCertificateSigningRequestAsync(p, n, cancellationToken: c),
            Delete = async (k, _, n, c) => await k.CertificatesV1.DeleteCertificateSigningRequestAsync(n, cancellationToken: c),
        },
    ];
}
