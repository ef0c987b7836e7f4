namespace Labs.Kube;

/// <summary>The resize message of the exec protocol's resize channel, as client-go's <c>TerminalSize</c> marshals it.</summary>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
internal sealed record TerminalSize(ushort Width, ushort Height);
