namespace Labs.Content.Checks;

/// <summary>
/// RBAC: can a subject do a verb on a resource (a SubjectAccessReview, asked with the platform's credentials):
/// <c>- access: {as: system:serviceaccount:$NAMESPACE:reader, verb: list, resource: pods}</c>, <c>allowed: true</c>.
/// </summary>
public sealed record AccessCheck : Check
{
    /// <summary>The user asked about; <c>$NAMESPACE</c> stands for the learner's namespace.</summary>
    public required string User { get; init; }

    /// <summary>Groups of the user; service accounts get their standard groups when none are given.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The verb: get, list, watch, create, update, patch, delete, ...</summary>
    public required string Verb { get; init; }

    /// <summary>The resource (plural, e.g. <c>pods</c>), optionally with a subresource as <c>pods/log</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>The API group; empty for the core group.</summary>
    public string Group { get; init; } = "";

    /// <summary>The namespace; null for the learner's; empty for cluster-wide.</summary>
    public string? Namespace { get; init; }

    /// <summary>One object's name; null for any.</summary>
    public string? Name { get; init; }

    /// <summary>Whether the subject must be allowed (true, the default) or denied (false).</summary>
    public bool Allowed { get; init; } = true;

    /// <inheritdoc />
    protected override string Describe() =>
        $"{User} {(Allowed ? "can" : "cannot")} {Verb} {Resource}{(Name is null ? "" : $" {Name}")}";
}
