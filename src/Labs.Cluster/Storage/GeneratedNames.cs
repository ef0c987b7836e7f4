using System.Security.Cryptography;

namespace Labs.Cluster.Storage;

/// <summary>Names made from a <c>metadata.generateName</c> prefix, as the API server makes them.</summary>
internal static class GeneratedNames
{
    // Kubernetes' own alphabet for generated name suffixes: no vowels, so no accidental words.
    private const string SuffixAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>The prefix followed by five random characters.</summary>
    public static string From(string prefix) =>
        prefix + string.Create(5, 0, static (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = SuffixAlphabet[RandomNumberGenerator.GetInt32(SuffixAlphabet.Length)];
            }
        });
}
