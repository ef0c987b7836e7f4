namespace Labs.Sessions;

/// <summary>The names of a session's namespace and toolbox: new ones after each reset (the old ones may still be terminating).</summary>
internal static class SessionNames
{
    public static string Namespace(LabSessionOptions options, string sessionId, int resets) =>
        options.NamespacePrefix + sessionId + Suffix(resets);

    public static string Toolbox(string sessionId, int resets) => $"toolbox-{sessionId}{Suffix(resets)}";

    private static string Suffix(int resets) => resets == 0 ? string.Empty : $"-r{resets}";
}
