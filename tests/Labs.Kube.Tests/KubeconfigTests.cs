namespace Labs.Kube.Tests;

public sealed class KubeconfigTests : IDisposable
{
    private readonly TestCertificates _certs = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("labs-kubeconfig-").FullName;

    public void Dispose()
    {
        _certs.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Data_fields_give_server_ca_token_and_namespace_of_the_current_context()
    {
        var yaml = $"""
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: local
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: {TestCertificates.Base64(_certs.CaPem)}
            users:
            - name: admin
              user:
                token: abc123
            contexts:
            - name: dev
              context:
                cluster: local
                user: admin
                namespace: team-a
            """;

        var connection = KubeConnection.FromKubeconfigYaml(yaml);

        Assert.Equal(new Uri("https://127.0.0.1:6443"), connection.Server);
        Assert.Equal("abc123", connection.GetBearerToken());
        Assert.Equal("team-a", connection.Namespace);
        Assert.Equal(_certs.Ca.Thumbprint, Assert.Single(connection.CertificateAuthorities).Thumbprint);
        Assert.False(connection.InsecureSkipTlsVerify);
        Assert.Null(connection.ClientCertificate);
    }

    [Fact]
    public void File_paths_are_resolved_relative_to_the_kubeconfig_folder()
    {
        var (certPem, keyPem) = _certs.CreateClientCertificatePem("alice");
        Directory.CreateDirectory(Path.Combine(_folder, "pki"));
        File.WriteAllText(Path.Combine(_folder, "pki", "ca.crt"), _certs.CaPem);
        File.WriteAllText(Path.Combine(_folder, "pki", "alice.crt"), certPem);
        File.WriteAllText(Path.Combine(_folder, "pki", "alice.key"), keyPem);
        var path = Path.Combine(_folder, "config");
        File.WriteAllText(path, """
            current-context: c
            clusters:
            - name: k
              cluster:
                server: https://localhost:8443/prefix
                certificate-authority: pki/ca.crt
            users:
            - name: alice
              user:
                client-certificate: pki/alice.crt
                client-key: pki/alice.key
            contexts:
            - name: c
              context: {cluster: k, user: alice}
            """);

        var connection = KubeConnection.FromKubeconfigFile(path);

        Assert.Single(connection.CertificateAuthorities);
        Assert.NotNull(connection.ClientCertificate);
        Assert.True(connection.ClientCertificate.HasPrivateKey);
        Assert.Contains("CN=alice", connection.ClientCertificate.Subject, StringComparison.Ordinal);
        Assert.Equal("default", connection.Namespace);
        Assert.Null(connection.GetBearerToken());
    }

    [Fact]
    public void Rsa_client_key_data_is_accepted()
    {
        var (certPem, keyPem) = _certs.CreateRsaClientCertificatePem("bob");
        var yaml = Config(user: $"""
                client-certificate-data: {TestCertificates.Base64(certPem)}
                client-key-data: {TestCertificates.Base64(keyPem)}
            """);

        var connection = KubeConnection.FromKubeconfigYaml(yaml);

        Assert.True(connection.ClientCertificate!.HasPrivateKey);
    }

    [Fact]
    public void Pem_helpers_build_authorities_and_client_certificates_and_reject_mismatched_keys()
    {
        var (certPem, keyPem) = _certs.CreateClientCertificatePem("carol");
        var (_, otherKeyPem) = _certs.CreateClientCertificatePem("dave");

        using var client = KubeConnection.ClientCertificateFromPem(certPem, keyPem);

        Assert.True(client.HasPrivateKey);
        Assert.Single(KubeConnection.CertificateAuthoritiesFromPem(_certs.CaPem));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => KubeConnection.ClientCertificateFromPem(certPem, otherKeyPem));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => KubeConnection.CertificateAuthoritiesFromPem("not a certificate"));
    }

    [Fact]
    public void An_explicit_context_wins_over_current_context()
    {
        var yaml = """
            current-context: a
            clusters:
            - {name: one, cluster: {server: "https://one:6443"}}
            - {name: two, cluster: {server: "https://two:6443", insecure-skip-tls-verify: true}}
            users:
            - {name: u, user: {token: t}}
            contexts:
            - {name: a, context: {cluster: one, user: u}}
            - {name: b, context: {cluster: two, user: u, namespace: bee}}
            """;

        var connection = KubeConnection.FromKubeconfigYaml(yaml, context: "b");

        Assert.Equal("two", connection.Server.Host);
        Assert.True(connection.InsecureSkipTlsVerify);
        Assert.Equal("bee", connection.Namespace);
    }

    [Fact]
    public void Token_file_is_reread_when_it_changes()
    {
        var tokenPath = Path.Combine(_folder, "token");
        File.WriteAllText(tokenPath, "first\n");
        var connection = KubeConnection.FromKubeconfigYaml(Config(user: "    tokenFile: token"), _folder);
        Assert.Equal("first", connection.GetBearerToken());

        File.WriteAllText(tokenPath, "second");
        File.SetLastWriteTimeUtc(tokenPath, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal("second", connection.GetBearerToken());
    }

    [Fact]
    public void A_missing_context_names_the_context_and_lists_the_known_ones()
    {
        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigYaml(Config(user: "    token: t"), context: "prod"));

        Assert.Contains("context 'prod' not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("ctx", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_cluster_names_the_cluster_and_the_context_with_its_line()
    {
        var yaml = """
            current-context: c
            clusters: []
            users: []
            contexts:
            - name: c
              context:
                cluster: nowhere
            """;

        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigYaml(yaml));

        Assert.Contains("cluster 'nowhere'", e.Message, StringComparison.Ordinal);
        Assert.Contains("context 'c'", e.Message, StringComparison.Ordinal);
        Assert.Equal(7, e.Line);
    }

    [Fact]
    public void A_missing_user_is_reported()
    {
        var yaml = Config(user: "    token: t").Replace("user: me", "user: ghost", StringComparison.Ordinal);

        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigYaml(yaml));

        Assert.Contains("user 'ghost'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_yaml_reports_file_line_and_column()
    {
        var path = Path.Combine(_folder, "broken");
        File.WriteAllText(path, "clusters:\n- name: a\n  cluster: {server: [\n");

        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigFile(path));

        Assert.Equal(path, e.FilePath);
        Assert.NotNull(e.Line);
        Assert.NotNull(e.Column);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains($"line {e.Line}, column {e.Column}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var path = Path.Combine(_folder, "absent");

        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigFile(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_certificate_file_is_named_with_its_line()
    {
        var yaml = Config(user: "    token: t").Replace("server: https://h:1", "server: https://h:1\n    certificate-authority: missing.crt", StringComparison.Ordinal);

        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigYaml(yaml, _folder));

        Assert.Contains(Path.Combine(_folder, "missing.crt"), e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void Exec_plugins_are_not_supported_and_the_user_is_named()
    {
        var yaml = Config(user: """
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: aws
            """);

        var e = Assert.Throws<NotSupportedException>(() => KubeConnection.FromKubeconfigYaml(yaml));

        Assert.Contains("user 'me'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_current_context_and_none_given_is_a_clear_error()
    {
        var yaml = Config(user: "    token: t").Replace("current-context: ctx", "", StringComparison.Ordinal);

        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.FromKubeconfigYaml(yaml));

        Assert.Contains("current-context", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_cluster_outside_a_cluster_says_so()
    {
        var e = Assert.Throws<KubeConfigException>(() => KubeConnection.InCluster(_ => null, _folder));

        Assert.Contains("KUBERNETES_SERVICE_HOST", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void In_cluster_reads_the_service_account_files()
    {
        File.WriteAllText(Path.Combine(_folder, "token"), "sa-token");
        File.WriteAllText(Path.Combine(_folder, "ca.crt"), _certs.CaPem);
        File.WriteAllText(Path.Combine(_folder, "namespace"), "labs-system");
        var env = new Dictionary<string, string> { ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        var connection = KubeConnection.InCluster(k => env.GetValueOrDefault(k), _folder);

        Assert.Equal(new Uri("https://10.0.0.1:443"), connection.Server);
        Assert.Equal("sa-token", connection.GetBearerToken());
        Assert.Equal("labs-system", connection.Namespace);
        Assert.Single(connection.CertificateAuthorities);
    }

    [Fact]
    public void Default_locations_prefer_the_first_kubeconfig_of_the_list_then_home()
    {
        var first = Path.Combine(_folder, "first");
        File.WriteAllText(first, Config(user: "    token: from-env"));
        var home = Path.Combine(_folder, "home");
        Directory.CreateDirectory(Path.Combine(home, ".kube"));
        File.WriteAllText(Path.Combine(home, ".kube", "config"), Config(user: "    token: from-home"));

        var fromEnv = KubeConnection.FromDefaultLocations(k => k == "KUBECONFIG" ? $"{first}{Path.PathSeparator}/nonexistent" : null, home, _folder, null);
        var fromHome = KubeConnection.FromDefaultLocations(_ => null, home, _folder, null);
        var nothing = Assert.Throws<KubeConfigException>(() => KubeConnection.FromDefaultLocations(_ => null, Path.Combine(_folder, "nohome"), _folder, null));

        Assert.Equal("from-env", fromEnv.GetBearerToken());
        Assert.Equal("from-home", fromHome.GetBearerToken());
        Assert.Contains("No Kubernetes configuration found", nothing.Message, StringComparison.Ordinal);
    }

    private static string Config(string user) => $"""
        current-context: ctx
        clusters:
        - name: k
          cluster:
            server: https://h:1
        users:
        - name: me
          user:
        {user}
        contexts:
        - name: ctx
          context:
            cluster: k
            user: me
        """;
}
