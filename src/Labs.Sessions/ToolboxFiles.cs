using System.Text;
using k8s;
using k8s.KubeConfigModels;

namespace Labs.Sessions;

/// <summary>The files mounted into a learner's toolbox pod at <see cref="MountPath"/>.</summary>
internal static class ToolboxFiles
{
    /// <summary>Where the toolbox secret is mounted in the pod.</summary>
    public const string MountPath = "/etc/labs";

    /// <summary>
    /// The writable in-memory directory that holds the learner's kubeconfig. Its token is short-lived and the platform
    /// writes a new kubeconfig before it expires, by exec: a real cluster and the embedded one both take that at once,
    /// where a changed Secret reaches a running pod only when its kubelet resyncs volumes (the embedded one does not).
    /// </summary>
    public const string ConfigDirectory = "/var/run/labs";

    /// <summary>The learner's kubeconfig (writable, so <c>kubectl config set-context</c> works).</summary>
    public const string KubeconfigPath = ConfigDirectory + "/kubeconfig";

    /// <summary>The command that replaces the kubeconfig with what it reads on stdin, atomically, readable by the learner only.</summary>
    public static IReadOnlyList<string> WriteKubeconfigCommand { get; } =
        ["sh", "-c", $"umask 077 && cat > {KubeconfigPath}.new && mv -f {KubeconfigPath}.new {KubeconfigPath}"];

    /// <summary>The file of the toolbox secret that holds the API server's CA, when the platform knows it.</summary>
    public const string CaFileName = "ca.crt";

    /// <summary>
    /// <c>SSL_CERT_DIR</c> of the toolbox when it has the CA: the system's certificates and the API server's CA, so Helm
    /// (Go) trusts the chart repository the embedded cluster's API address serves.
    /// </summary>
    public const string CertificateDirectories = "/etc/ssl/certs:" + MountPath;

    /// <summary>The in-pod path of the service-account CA, used when no CA is given.</summary>
    private const string InClusterCaPath = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";

    /// <summary>The interactive shell a terminal runs: bash with the toolbox rc file.</summary>
    public static IReadOnlyList<string> ShellCommand { get; } = ["bash", "--rcfile", $"{MountPath}/bashrc", "-i"];

    /// <summary>
    /// A kubeconfig that points kubectl at the cluster as the learner, in their namespace: KubernetesClient's kubeconfig
    /// model, written by its YAML serializer (so a token or URL is always quoted as YAML needs).
    /// </summary>
    public static string Kubeconfig(Uri server, string? caPem, string token, string ns)
    {
        var endpoint = new ClusterEndpoint { Server = server.AbsoluteUri.TrimEnd('/') };
        if (caPem is null)
        {
            endpoint.CertificateAuthority = InClusterCaPath;
        }
        else
        {
            endpoint.CertificateAuthorityData = Convert.ToBase64String(Encoding.UTF8.GetBytes(caPem));
        }

        var config = new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            Clusters = [new Cluster { Name = "labs", ClusterEndpoint = endpoint }],
            Users = [new User { Name = "learner", UserCredentials = new UserCredentials { Token = token } }],
            Contexts = [new Context { Name = "lab", ContextDetails = new ContextDetails { Cluster = "labs", User = "learner", Namespace = ns } }],
            CurrentContext = "lab",
        };
        return KubernetesYaml.Serialize(config);
    }

    /// <summary>
    /// The learner's bash start-up file: kubeconfig, bash's own completion (Debian's bash-completion, which kubectl's
    /// completion script needs), the <c>k</c> alias with completion (loaded at its first use), Helm's completion when
    /// Helm is there, a readable prompt marked for the page (<see cref="ToolboxPrompt.Mark"/>), history written after
    /// each command.
    /// </summary>
    public static string Bashrc(string ns) =>
        $$"""
        # Labs toolbox shell
        export KUBECONFIG={{KubeconfigPath}}
        export EDITOR=vi
        alias k=kubectl
        if [ -r /usr/share/bash-completion/bash_completion ]; then
          . /usr/share/bash-completion/bash_completion
        fi
        if command -v kubectl >/dev/null 2>&1; then
          # Loaded at the first Tab after kubectl or k rather than at every start: running kubectl for its script is the
          # slowest part of a shell's start. 124 tells bash to complete again with the completion just loaded.
          _labs_load_kubectl_completion() {
            source <(kubectl completion bash 2>/dev/null)
            complete -o default -F __start_kubectl k
            return 124
          }
          complete -o default -F _labs_load_kubectl_completion kubectl k
        else
          echo "kubectl is not installed in this toolbox: install kubectl on the host (it must be on PATH)." >&2
        fi
        if command -v helm >/dev/null 2>&1; then
          # Helm's completion, loaded the same way at its first Tab.
          _labs_load_helm_completion() {
            source <(helm completion bash 2>/dev/null)
            return 124
          }
          complete -o default -F _labs_load_helm_completion helm
        fi
        PS1='\[\e]133;A\a\]\[\e[1;32m\]learner\[\e[0m\]@\[\e[1;36m\]{{ns}}\[\e[0m\]:\[\e[1;34m\]\w\[\e[0m\]\$ '
        # Shell integration marks (OSC 133, as terminals use them): A = at the prompt, C = a command runs. The page
        # uses them to keep its Run buttons from typing into a running command.
        PS0='\e]133;C\a'
        # History goes to ~/.bash_history after every command (not only when the shell exits, which a dropped or
        # restarted platform never lets it do), so the next shell in this home has it.
        shopt -s histappend
        PROMPT_COMMAND='history -a'

        """;
}
