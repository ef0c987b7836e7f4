namespace Labs.Content;

/// <summary>Collects the problems of one lab so that all of them are reported at once, sorted by file and line.</summary>
internal sealed class LabProblems
{
    private readonly List<LabFormatException> _problems = [];

    public bool Any => _problems.Count > 0;

    /// <summary>Runs <paramref name="read"/>; a <see cref="LabFormatException"/> it throws is kept, and reading goes on.</summary>
    public void Try(Action read)
    {
        try
        {
            read();
        }
        catch (LabFormatException ex)
        {
            _problems.AddRange(ex.Problems);
        }
    }

    /// <summary>Throws every problem kept as one exception; does nothing when there are none.</summary>
    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
            throw LabFormatException.Combine(_problems);
    }
}
