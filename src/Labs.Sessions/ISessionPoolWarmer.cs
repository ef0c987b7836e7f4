namespace Labs.Sessions;

/// <summary>
/// Readies a pooled environment beyond provisioning before it counts as ready, so that handing it over costs nothing
/// more: the terminal starts the first shell in its toolbox, which is what a learner otherwise waits for after Start.
/// </summary>
public interface ISessionPoolWarmer
{
    /// <summary>
    /// Readies <paramref name="session"/> (provisioned, owned by nobody yet, under the id it keeps when handed over).
    /// A failure leaves the environment usable as it is: the warm-up is only a head start.
    /// </summary>
    Task WarmAsync(LabSession session, CancellationToken cancellationToken);
}
