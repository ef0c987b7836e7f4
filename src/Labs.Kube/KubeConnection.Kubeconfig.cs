using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using YamlDotNet.RepresentationModel;

namespace Labs.Kube;

public sealed partial class KubeConnection
{
    /// <summary>Loads a kubeconfig file and resolves one of its contexts.</summary>
    /// <param name="path">The kubeconfig file; relative certificate and token paths inside it are relative to its folder.</param>
    /// <param name="context">The context to use; null for the file's <c>current-context</c>.</param>
    /// <exception cref="KubeConfigException">The file is missing or invalid, or names something that does not exist.</exception>
    /// <exception cref="NotSupportedException">The user authenticates with an exec or auth-provider plugin.</exception>
    public static KubeConnection FromKubeconfigFile(string path, string? context = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeConfigException($"Cannot read kubeconfig '{fullPath}': {e.Message}", fullPath, innerException: e);
        }

        return Resolve(KubeconfigDocument.Parse(yaml, fullPath), Path.GetDirectoryName(fullPath), context);
    }

    /// <summary>Parses kubeconfig YAML held in memory and resolves one of its contexts.</summary>
    /// <param name="yaml">The kubeconfig content.</param>
    /// <param name="baseDirectory">Folder that relative file paths in the YAML are relative to; null for the current directory.</param>
    /// <param name="context">The context to use; null for the YAML's <c>current-context</c>.</param>
    /// <exception cref="KubeConfigException">The YAML is invalid or names something that does not exist.</exception>
    /// <exception cref="NotSupportedException">The user authenticates with an exec or auth-provider plugin.</exception>
    public static KubeConnection FromKubeconfigYaml(string yaml, string? baseDirectory = null, string? context = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return Resolve(KubeconfigDocument.Parse(yaml, null), baseDirectory, context);
    }

    private static KubeConnection Resolve(KubeconfigDocument doc, string? baseDirectory, string? requestedContext)
    {
        var contextName = requestedContext ?? doc.Scalar(doc.Root, "current-context");
        if (string.IsNullOrEmpty(contextName))
        {
            doc.FindNamed("contexts", "context", "", out var names);
            throw doc.Error(null, $"no context was given and 'current-context' is not set; available contexts: {List(names)}.");
        }

        var context = doc.FindNamed("contexts", "context", contextName, out var contextNames)
            ?? throw doc.Error(null, $"context '{contextName}' not found; available contexts: {List(contextNames)}.");

        var clusterName = doc.Scalar(context, "cluster")
            ?? throw doc.Error(context, $"context '{contextName}' names no 'cluster'.");
        var cluster = doc.FindNamed("clusters", "cluster", clusterName, out var clusterNames)
            ?? throw doc.Error(KubeconfigDocument.Child(context, "cluster"), $"cluster '{clusterName}' (used by context '{contextName}') not found; available clusters: {List(clusterNames)}.");

        var serverText = doc.Scalar(cluster, "server")
            ?? throw doc.Error(cluster, $"cluster '{clusterName}' has no 'server'.");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || (server.Scheme != Uri.UriSchemeHttps && server.Scheme != Uri.UriSchemeHttp))
        {
            throw doc.Error(KubeconfigDocument.Child(cluster, "server"), $"cluster '{clusterName}' has server '{serverText}', which is not an http:// or https:// URL.");
        }

        YamlMappingNode? user = null;
        var userName = doc.Scalar(context, "user");
        if (userName is not null)
        {
            user = doc.FindNamed("users", "user", userName, out var userNames)
                ?? throw doc.Error(KubeconfigDocument.Child(context, "user"), $"user '{userName}' (used by context '{contextName}') not found; available users: {List(userNames)}.");
            if (KubeconfigDocument.Child(user, "exec") is not null || KubeconfigDocument.Child(user, "auth-provider") is not null)
            {
                throw new NotSupportedException($"{doc.Where}: user '{userName}' authenticates with an exec or auth-provider plugin, which Labs does not run; use a token or client certificate instead.");
            }

            if (KubeconfigDocument.Child(user, "username") is not null || KubeconfigDocument.Child(user, "password") is not null)
            {
                throw new NotSupportedException($"{doc.Where}: user '{userName}' uses basic authentication (username/password), which Labs does not support; use a token or client certificate instead.");
            }
        }

        var source = doc.FilePath is null ? $"kubeconfig YAML, context '{contextName}'" : $"kubeconfig '{doc.FilePath}', context '{contextName}'";
        return new KubeConnection(server)
        {
            CertificateAuthorities = LoadAuthorities(doc, cluster, clusterName, baseDirectory),
            InsecureSkipTlsVerify = doc.Boolean(cluster, "insecure-skip-tls-verify"),
            Token = user is null ? null : doc.Scalar(user, "token"),
            TokenFile = user is null || doc.Scalar(user, "token") is not null ? null : ResolvePath(baseDirectory, doc.Scalar(user, "tokenFile")),
            ClientCertificate = user is null ? null : LoadClientCertificate(doc, user, userName!, baseDirectory),
            Namespace = doc.Scalar(context, "namespace") ?? "default",
            Source = source,
        };
    }

    private static X509Certificate2Collection LoadAuthorities(KubeconfigDocument doc, YamlMappingNode cluster, string clusterName, string? baseDirectory)
    {
        var bytes = ReadMaterial(doc, cluster, "certificate-authority-data", "certificate-authority", $"cluster '{clusterName}'", baseDirectory);
        if (bytes is null)
        {
            return [];
        }

        try
        {
            return KubeCertificates.LoadAuthorities(bytes);
        }
        catch (CryptographicException e)
        {
            throw doc.Error(KubeconfigDocument.Child(cluster, "certificate-authority-data") ?? KubeconfigDocument.Child(cluster, "certificate-authority"), $"cluster '{clusterName}' has an unreadable certificate authority: {e.Message}.");
        }
    }

    private static X509Certificate2? LoadClientCertificate(KubeconfigDocument doc, YamlMappingNode user, string userName, string? baseDirectory)
    {
        var what = $"user '{userName}'";
        var certificate = ReadMaterial(doc, user, "client-certificate-data", "client-certificate", what, baseDirectory);
        var key = ReadMaterial(doc, user, "client-key-data", "client-key", what, baseDirectory);
        if (certificate is null && key is null)
        {
            return null;
        }

        if (certificate is null || key is null)
        {
            throw doc.Error(user, $"{what} has a client {(certificate is null ? "key but no certificate" : "certificate but no key")}; both are needed.");
        }

        try
        {
            return KubeCertificates.LoadClientCertificate(certificate, key);
        }
        catch (CryptographicException e)
        {
            throw doc.Error(KubeconfigDocument.Child(user, "client-certificate-data") ?? KubeconfigDocument.Child(user, "client-certificate"), $"{what} has an unusable client certificate or key: {e.Message}.");
        }
    }

    /// <summary>Reads a <c>KEY-data</c> (base64) value or the file named by <c>KEY</c>; null when neither is set.</summary>
    private static byte[]? ReadMaterial(KubeconfigDocument doc, YamlMappingNode map, string dataKey, string fileKey, string what, string? baseDirectory)
    {
        var data = doc.Scalar(map, dataKey);
        if (data is not null)
        {
            try
            {
                return KubeCertificates.DecodeData(data);
            }
            catch (FormatException)
            {
                throw doc.Error(KubeconfigDocument.Child(map, dataKey), $"{what} has '{dataKey}' that is not valid base64.");
            }
        }

        var file = ResolvePath(baseDirectory, doc.Scalar(map, fileKey));
        if (file is null)
        {
            return null;
        }

        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw doc.Error(KubeconfigDocument.Child(map, fileKey), $"{what} names '{fileKey}' file '{file}', which cannot be read: {e.Message}");
        }
    }

    private static string? ResolvePath(string? baseDirectory, string? path) =>
        path is null ? null : Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory());

    private static string List(List<string> names) => names.Count == 0 ? "(none)" : string.Join(", ", names);
}
