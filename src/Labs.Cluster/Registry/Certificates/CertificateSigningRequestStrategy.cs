using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using static Labs.Cluster.Api.TableColumns;

namespace Labs.Cluster.Registry.Certificates;

/// <summary>
/// CertificateSigningRequests (certificates.k8s.io/v1): a request and a signer are required; approval is a subresource
/// of its own (<c>kubectl certificate approve</c>), which writes the Approved or Denied condition.
/// </summary>
internal static class CertificateSigningRequestStrategy
{
    /// <summary>The registry entry of <c>certificatesigningrequests</c>.</summary>
    public static ResourceStrategy Entry { get; } = new(new ResourceDefinition(
        "certificates.k8s.io", "v1", "certificatesigningrequests", "certificatesigningrequest", "CertificateSigningRequest", false, ["csr"], [],
        ResourceDefinition.AllVerbs, ["status", "approval"]))
    {
        PrepareForCreate = obj => obj["status"] = new JsonObject(),

        // The API server, not the client, says who asked: the requesting user's name, uid and groups.
        RecordRequester = (obj, user) =>
        {
            if (obj["spec"] is JsonObject spec)
            {
                spec["username"] = user.Name;
                spec.Remove("uid");
                if (user.Uid.Length > 0)
                {
                    spec["uid"] = user.Uid;
                }

                spec["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)g)]);
                spec.Remove("extra");
            }
        },
        Validate = (obj, errors) =>
        {
            foreach (var field in (string[])["request", "signerName"])
            {
                if (obj["spec"]?[field] is not JsonValue v || !v.TryGetValue<string>(out var text) || text.Length == 0)
                {
                    errors.Required($"spec.{field}", string.Empty);
                }
            }
        },
        Fields = SelectableFields.Only("metadata.name", "spec.signerName"),
        Columns =
        [
            NameColumn,
            AgeColumn,
            Col("SignerName", "string", (o, _) => S(o, "spec.signerName", None), description: "signerName indicates the requested signer, and is a qualified name."),
            Col("Requestor", "string", (o, _) => S(o, "spec.username"), description: "request contains an x509 certificate signing request encoded in a \"CERTIFICATE REQUEST\" PEM block."),
            Col("RequestedDuration", "string", (o, _) => At(o, "spec.expirationSeconds") is null ? None : HumanDuration.Format(TimeSpan.FromSeconds(L(o, "spec.expirationSeconds"))),
                description: "expirationSeconds is the requested duration of validity of the issued certificate."),
            Col("Condition", "string", (o, _) => Condition(o), description: "conditions applied to the request. Known conditions are \"Approved\", \"Denied\", and \"Failed\"."),
        ],
    };

    // extractCSRStatus: Denied over Approved over Pending, then ,Failed and ,Issued.
    private static string Condition(JsonObject o)
    {
        var types = Objects(At(o, "status.conditions")).Select(c => S(c, "type")).ToHashSet(StringComparer.Ordinal);
        var status = types.Contains("Denied") ? "Denied" : types.Contains("Approved") ? "Approved" : "Pending";
        if (types.Contains("Failed"))
        {
            status += ",Failed";
        }

        if (S(o, "status.certificate").Length > 0)
        {
            status += ",Issued";
        }

        return status;
    }
}
