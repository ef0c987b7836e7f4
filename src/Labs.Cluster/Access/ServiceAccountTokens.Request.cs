using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;

namespace Labs.Cluster.Access;

/// <summary>The TokenRequest subresource: <c>POST /api/v1/namespaces/NS/serviceaccounts/SA/token</c>.</summary>
public sealed partial class ServiceAccountTokens
{
    /// <summary>Lifetime of a token when the request names none.</summary>
    public const long DefaultExpirationSeconds = 3600;

    /// <summary>The shortest lifetime a request may ask for (as a real API server).</summary>
    public const long MinimumExpirationSeconds = 600;

    private const long MaximumExpirationSeconds = 1L << 32;

    /// <summary>
    /// Answers a TokenRequest (authentication.k8s.io/v1) for ServiceAccount <paramref name="serviceAccount"/> in
    /// <paramref name="ns"/>: the request echoed back with defaults filled and <c>status.token</c> and
    /// <c>status.expirationTimestamp</c> set. The caller answers it with 201 Created.
    /// </summary>
    /// <exception cref="ApiException">404 when the ServiceAccount does not exist; 400 for a body that is not a
    /// TokenRequest; 422 for an expiration shorter than 10 minutes.</exception>
    public JsonObject CreateTokenRequest(string ns, string serviceAccount, JsonObject? tokenRequest)
    {
        ArgumentException.ThrowIfNullOrEmpty(ns);
        ArgumentException.ThrowIfNullOrEmpty(serviceAccount);
        var kind = JsonFields.String(tokenRequest, "kind");
        if (kind is not null && kind != "TokenRequest")
        {
            throw new ApiException(400, "BadRequest", $"the body of a serviceaccounts/token request must be a TokenRequest (authentication.k8s.io/v1), not a {kind}");
        }

        var spec = tokenRequest?["spec"] switch
        {
            null => new JsonObject(),
            JsonObject o => (JsonObject)o.DeepClone(),
            _ => throw new ApiException(400, "BadRequest", "TokenRequest spec must be an object"),
        };

        var seconds = ReadExpirationSeconds(spec, serviceAccount);
        var account = _store.Get(ServiceAccounts, ns, serviceAccount)
            ?? throw new ApiException(404, "NotFound", $"serviceaccounts \"{serviceAccount}\" not found",
                new JsonObject { ["name"] = serviceAccount, ["kind"] = "serviceaccounts" });

        var audiences = JsonFields.Strings(spec, "audiences");
        if (audiences.Count == 0)
        {
            audiences = [Issuer];
        }

        var boundObject = spec["boundObjectRef"] is JsonObject reference ? ResolveBoundObject(ns, reference) : null;
        var (token, expiresAt) = Issue(ns, serviceAccount, JsonFields.Uid(account), TimeSpan.FromSeconds(seconds), audiences, boundObject);
        spec["audiences"] = JsonFields.ToArray(audiences);
        spec["expirationSeconds"] = seconds;
        if (!spec.ContainsKey("boundObjectRef"))
        {
            spec["boundObjectRef"] = null;
        }

        return new JsonObject
        {
            ["kind"] = "TokenRequest",
            ["apiVersion"] = "authentication.k8s.io/v1",
            ["metadata"] = new JsonObject { ["name"] = serviceAccount, ["namespace"] = ns, ["creationTimestamp"] = null },
            ["spec"] = spec,
            ["status"] = new JsonObject
            {
                ["token"] = token,
                ["expirationTimestamp"] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>Finds the object a token is to be bound to, filling the reference's uid, as the real TokenRequest does.</summary>
    private BoundObject ResolveBoundObject(string ns, JsonObject reference)
    {
        var kindName = JsonFields.String(reference, "kind") ?? "";
        var kind = BoundObject.Kinds.FirstOrDefault(k => k.Kind == kindName)
            ?? throw new ApiException(400, "BadRequest", $"cannot bind token to object of type {(kindName.Length == 0 ? "(none)" : kindName)}: spec.boundObjectRef.kind must be Pod, Secret or Node");
        var name = JsonFields.String(reference, "name") ?? "";
        if (name.Length == 0)
        {
            throw new ApiException(400, "BadRequest", "spec.boundObjectRef.name is required");
        }

        var target = _store.Get(kind.Resource, kind.Namespaced ? ns : null, name)
            ?? throw new ApiException(404, "NotFound", $"{kind.Resource} \"{name}\" not found", new JsonObject { ["name"] = name, ["kind"] = kind.Resource.Resource });
        var uid = JsonFields.Uid(target);
        var requestedUid = JsonFields.String(reference, "uid");
        if (!string.IsNullOrEmpty(requestedUid) && requestedUid != uid)
        {
            throw new ApiException(409, "Conflict",
                $"the UID in the bound object reference ({requestedUid}) does not match the UID in record ({uid}). The object might have been deleted and then recreated");
        }

        reference["uid"] = uid;
        return new BoundObject(kind.Kind, name, uid);
    }

    private static long ReadExpirationSeconds(JsonObject spec, string serviceAccount)
    {
        var node = spec["expirationSeconds"];
        if (node is null)
        {
            return DefaultExpirationSeconds;
        }

        if (JsonFields.Int64(node) is not { } seconds)
        {
            throw new ApiException(400, "BadRequest", $"TokenRequest spec.expirationSeconds must be a whole number of seconds, got {node.ToJsonString()}");
        }

        var problem = seconds < MinimumExpirationSeconds ? "may not specify a duration less than 10 minutes"
            : seconds > MaximumExpirationSeconds ? "may not specify a duration larger than 2^32 seconds"
            : null;
        if (problem is null)
        {
            return seconds;
        }

        var cause = $"Invalid value: {seconds}: {problem}";
        throw new ApiException(422, "Invalid",
            $"TokenRequest.authentication.k8s.io \"{serviceAccount}\" is invalid: spec.expirationSeconds: {cause}",
            new JsonObject
            {
                ["name"] = serviceAccount,
                ["group"] = "authentication.k8s.io",
                ["kind"] = "TokenRequest",
                ["causes"] = new JsonArray(new JsonObject
                {
                    ["reason"] = "FieldValueInvalid",
                    ["message"] = cause,
                    ["field"] = "spec.expirationSeconds",
                }),
            });
    }
}
