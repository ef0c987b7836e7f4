using System.Text.Json.Nodes;

namespace Labs.Content.Checks;

/// <summary>
/// An object exists (no other field), does not exist (<c>absent: true</c>) or contains a partial object
/// (<c>expect:</c>): <c>- resource: apps/v1/Deployment/web</c>.
/// </summary>
public sealed record ResourceCheck : Check
{
    /// <summary>The object read.</summary>
    public required ObjectRef Target { get; init; }

    /// <summary>Partial object every given leaf of which must match; null when not given.</summary>
    public JsonObject? Expect { get; init; }

    /// <summary>The object must not exist.</summary>
    public bool Absent { get; init; }

    /// <inheritdoc />
    protected override string Describe() =>
        Absent ? $"{Target} does not exist" : Expect is null ? $"{Target} exists" : $"{Target} is as expected";
}
