namespace Labs.Cluster.Schema.Types;

/// <summary>certificates.k8s.io/v1 CertificateSigningRequest (kubectl certificate approve sends it as protobuf).</summary>
internal static class CertificateTypes
{
    public const string Text = """
P certificates.v1
T CertificateSigningRequest gvk=certificates.k8s.io/v1/CertificateSigningRequest | A request for a signed x509 certificate.
  metadata 1 meta.ObjectMeta | Standard object metadata.
  spec 2 CertificateSigningRequestSpec ! | The certificate request.
  status 3 CertificateSigningRequestStatus | Approval conditions and the issued certificate.
T CertificateSigningRequestSpec | The certificate request.
  request 1 bytes ! | An x509 certificate signing request in a CERTIFICATE REQUEST PEM block.
  signerName 7 s ! | The requested signer.
  expirationSeconds 8 i32 * | Requested duration of validity of the issued certificate.
  usages 5 []s | Key usages requested in the issued certificate.
  username 2 s | User that created the request; set by the API server.
  uid 3 s | Uid of the user that created the request; set by the API server.
  groups 4 []s | Groups of the user that created the request; set by the API server.
  extra 6 {}ExtraValue | Extra attributes of the user that created the request.
T ExtraValue list | A list of strings (shown in JSON as a plain array).
  items 1 []s | The strings.
T CertificateSigningRequestStatus | Approval conditions and the issued certificate.
  conditions 1 []CertificateSigningRequestCondition mk=type ps=merge | Approved, Denied and Failed conditions.
  certificate 2 bytes | The issued certificate, PEM encoded.
T CertificateSigningRequestCondition | One condition of a request.
  type 1 s ! | Approved, Denied or Failed.
  status 6 s ! | True, False or Unknown.
  reason 2 s | A brief reason for the request state.
  message 3 s | A human readable message.
  lastUpdateTime 4 time | When the condition was last updated.
  lastTransitionTime 5 time | When the condition last changed status.
""";
}
