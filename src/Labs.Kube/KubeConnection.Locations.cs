namespace Labs.Kube;

public sealed partial class KubeConnection
{
    /// <summary>Where a pod finds its service account credentials.</summary>
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <summary>Connects as the pod's service account, from the environment Kubernetes gives every container.</summary>
    /// <exception cref="KubeConfigException">Not running in a cluster, or the service account files are missing.</exception>
    public static KubeConnection InCluster() => InCluster(Environment.GetEnvironmentVariable, ServiceAccountDirectory);

    /// <summary>
    /// Finds a configuration the way kubectl does: the first file of <c>KUBECONFIG</c>, then
    /// <c>~/.kube/config</c>, then the in-cluster service account.
    /// </summary>
    /// <exception cref="KubeConfigException">None of the locations holds a usable configuration.</exception>
    public static KubeConnection FromDefaultLocations(string? context = null) =>
        FromDefaultLocations(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ServiceAccountDirectory, context);

    internal static KubeConnection InCluster(Func<string, string?> environment, string serviceAccountDirectory)
    {
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new KubeConfigException("Not running inside a Kubernetes cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set. Configure a kubeconfig instead.");
        }

        var tokenFile = Path.Combine(serviceAccountDirectory, "token");
        var caFile = Path.Combine(serviceAccountDirectory, "ca.crt");
        if (!File.Exists(tokenFile))
        {
            throw new KubeConfigException($"Running in a cluster but the service account token '{tokenFile}' does not exist; is automountServiceAccountToken disabled?", tokenFile);
        }

        var authorities = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
        if (File.Exists(caFile))
        {
            try
            {
                authorities = KubeCertificates.LoadAuthorities(File.ReadAllBytes(caFile));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new KubeConfigException($"Cannot read the cluster CA '{caFile}': {e.Message}", caFile, innerException: e);
            }
        }

        var namespaceFile = Path.Combine(serviceAccountDirectory, "namespace");
        var ns = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : "";
        var hostPart = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new KubeConnection(new Uri($"https://{hostPart}:{port}"))
        {
            CertificateAuthorities = authorities,
            TokenFile = tokenFile,
            Namespace = ns.Length == 0 ? "default" : ns,
            Source = $"in-cluster service account ({serviceAccountDirectory})",
        };
    }

    internal static KubeConnection FromDefaultLocations(Func<string, string?> environment, string home, string serviceAccountDirectory, string? context)
    {
        var kubeconfig = environment("KUBECONFIG");
        if (!string.IsNullOrWhiteSpace(kubeconfig))
        {
            var first = kubeconfig.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            if (first is not null)
            {
                return FromKubeconfigFile(first, context);
            }
        }

        var homeConfig = Path.Combine(home, ".kube", "config");
        if (File.Exists(homeConfig))
        {
            return FromKubeconfigFile(homeConfig, context);
        }

        try
        {
            return InCluster(environment, serviceAccountDirectory);
        }
        catch (KubeConfigException e)
        {
            throw new KubeConfigException($"No Kubernetes configuration found: KUBECONFIG is not set, '{homeConfig}' does not exist, and in-cluster configuration failed ({e.Message}).", innerException: e);
        }
    }
}
