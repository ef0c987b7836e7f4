using k8s;

namespace Labs.Conformance.Tests.Client;

/// <summary>The contract of a create-only review kind (the server answers the posted review, evaluated; nothing is stored).</summary>
/// <typeparam name="T">The review's model, e.g. <see cref="k8s.Models.V1SelfSubjectAccessReview"/>.</typeparam>
public sealed class ReviewContractOf<T> : KindContract
    where T : class
{
    public required string Group { get; init; }

    public required string Plural { get; init; }

    public required string KindName { get; init; }

    /// <summary>Whether the review is posted in a namespace (LocalSubjectAccessReview).</summary>
    public bool Namespaced { get; init; }

    public override string Kind => KindName;

    public override string ApiVersion => $"{Group}/v1";

    public required Func<string, T> Manifest { get; init; }

    public required Func<IKubernetes, T, CancellationToken, Task<T>> Create { get; init; }

    /// <summary>What the evaluated review must say, beyond holding everything the server answered.</summary>
    public required Action<T> Check { get; init; }

    public override async Task RunAsync(IKubernetes kube, RecordingHandler recorder, string ns, CancellationToken cancellationToken)
    {
        var answered = await Create(kube, Manifest(ns), cancellationToken);
        var path = Namespaced ? $"/apis/{Group}/v1/namespaces/{ns}/{Plural}" : $"/apis/{Group}/v1/{Plural}";
        Lossless.Assert(recorder.Last("POST", path).Text, answered, $"create {Kind}");
        Check(answered);
    }
}
