namespace Labs.Cluster.Workloads.Exec;

/// <summary>The host programs a sandbox is made of, located once; a missing one is named with its Debian package.</summary>
internal sealed class SandboxTools
{
    public SandboxTools(WorkloadOptions options)
    {
        Bubblewrap = Sandbox.Locate(options.BubblewrapPath);
        Shell = Sandbox.Locate(options.ShellPath);
        SetPriv = Sandbox.Locate("setpriv");
        Socat = Sandbox.Locate("socat");
        NsEnter = Sandbox.Locate("nsenter");
        Extra = Directory.Exists(options.ToolsDirectory) ? Path.GetFullPath(options.ToolsDirectory) : null;
    }

    /// <summary>The directory of extra programs bound at <see cref="Sandbox.ToolsDirectory"/>, or null when there is none.</summary>
    public string? Extra { get; }

    public string? Bubblewrap { get; }

    public string? Shell { get; }

    public string? SetPriv { get; }

    public string? Socat { get; }

    public string? NsEnter { get; }

    /// <summary>Why a sandbox cannot start here, or null when everything is in place.</summary>
    public string? Missing(bool needsSetPriv, bool needsSocat) =>
        Bubblewrap is null ? "bwrap (Debian package bubblewrap) is not installed"
        : needsSetPriv && SetPriv is null ? "setpriv (Debian package util-linux) is not installed"
        : needsSocat && Socat is null ? "socat (Debian package socat) is not installed: it carries the API server into the sandbox"
        : null;
}
