using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>The store contract, held by the durable store (a SQLite file), exactly as by the in-memory one.</summary>
public sealed class DurableObjectStoreContractTests : ObjectStoreContractTests, IDisposable
{
    private readonly StoreDirectory _directory = new();

    protected override IObjectStore CreateStore(int historyLimit, TimeProvider? clock) => _directory.Open(historyLimit, clock);

    public void Dispose() => _directory.Dispose();
}
