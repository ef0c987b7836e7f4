using System.Security.Cryptography;

namespace Labs.Sessions;

/// <summary>Session ids: unguessable, and usable as the tail of a DNS-1123 name.</summary>
internal static class SessionIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>16 characters from a 36-letter alphabet: about 82 bits of randomness.</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, 16);
}
