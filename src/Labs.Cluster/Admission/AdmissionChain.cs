using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.Admission;

/// <summary>
/// Everything a write goes through before it is stored, in the API server's order: decoding of quantities, defaulting,
/// mutating admission (LimitRanger), validation, then validating admission (LimitRanger, ResourceQuota).
/// </summary>
internal static class AdmissionChain
{
    /// <summary>Admits a create or update of the main resource; the object is changed in place, failures throw <see cref="Api.ApiException"/>.</summary>
    /// <param name="request">The write.</param>
    /// <param name="store">The store as it is before the write, for the namespace's LimitRanges, quotas and usage.</param>
    /// <param name="now">The current time.</param>
    public static void Admit(AdmissionRequest request, IObjectStore store, DateTimeOffset now)
    {
        var obj = request.Object;
        QuantityFields.Check(obj);
        if (request.Resource == QuotaRegistry.LimitRanges)
        {
            LimitRangeDefaults.Apply(obj);
        }

        var limitRanges = request.Namespace.Length > 0 && request.Kind is "Pod" or "PersistentVolumeClaim"
            ? store.List(QuotaRegistry.LimitRanges, request.Namespace).Items
            : [];
        LimitRanger.Mutate(request, limitRanges);
        DefaultStorageClass.Admit(request, store);

        Validate(request);

        LimitRanger.Validate(request, limitRanges);
        ResourceQuotaAdmission.Check(request, store, now);
        QuantityFields.Canonicalize(obj);
    }

    /// <summary>Admits a write of the <c>status</c> subresource: only decoding and validation apply.</summary>
    public static void AdmitStatus(GroupResource resource, JsonObject obj)
    {
        QuantityFields.Check(obj);
        if (resource == QuotaRegistry.ResourceQuotas)
        {
            ResourceQuotaValidation.Validate(obj);
        }

        QuantityFields.Canonicalize(obj);
    }

    private static void Validate(AdmissionRequest request)
    {
        if (request.Resource == QuotaRegistry.ResourceQuotas)
        {
            ResourceQuotaValidation.Validate(request.Object);
        }
        else if (request.Resource == QuotaRegistry.LimitRanges)
        {
            LimitRangeValidation.Validate(request.Object);
        }
        else
        {
            ContainerResourceValidation.Validate(request.Object, request.Resource.Group);
        }
    }
}
