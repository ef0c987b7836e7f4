namespace Labs.Terminal;

/// <summary>Names of the methods the server invokes on the browser (the client half of the hub contract).</summary>
public static class TerminalClientMethods
{
    /// <summary><c>Output(string base64)</c>: terminal output bytes, base64-encoded.</summary>
    public const string Output = "Output";

    /// <summary><c>Exited(int code)</c>: the shell ended with this exit code.</summary>
    public const string Exited = "Exited";

    /// <summary><c>Error(string message)</c>: something the learner should read; the connection stays open.</summary>
    public const string Error = "Error";
}
