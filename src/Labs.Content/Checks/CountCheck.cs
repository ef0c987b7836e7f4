namespace Labs.Content.Checks;

/// <summary>
/// How many objects of a kind there are, by label and field selector: <c>- count: v1/Pod</c>, <c>labels: app=web</c>,
/// <c>fields: status.phase=Running</c>, and a numeric operator (<c>equals: 3</c>, <c>gte: 2</c>, ...).
/// </summary>
public sealed record CountCheck : Check
{
    /// <summary>apiVersion of the kind counted.</summary>
    public required string ApiVersion { get; init; }

    /// <summary>The kind counted.</summary>
    public required string Kind { get; init; }

    /// <summary>Label selector as kubectl takes it (<c>app=web,tier!=db</c>); null for all.</summary>
    public string? Labels { get; init; }

    /// <summary>Field selector as kubectl takes it (<c>status.phase=Running</c>); null for all.</summary>
    public string? Fields { get; init; }

    /// <summary>What the count must satisfy.</summary>
    public required Assertion Assertion { get; init; }

    /// <inheritdoc />
    protected override string Describe()
    {
        var selectors = string.Join(", ", new[] { Labels, Fields }.Where(s => s is not null));
        return $"the number of {Kind} objects{(selectors.Length > 0 ? $" with {selectors}" : "")} {Assertion}";
    }
}
