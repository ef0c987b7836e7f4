namespace Labs.Sessions;

/// <summary>The default without accounts: every session is seen by its owner only.</summary>
internal sealed class NoSessionOverseers : ISessionOverseers
{
    public bool SeesEveryone(string learnerId) => false;
}
