using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>The store contract, held in memory only (what the unit tests of the layers above use).</summary>
public sealed class InMemoryObjectStoreTests : ObjectStoreContractTests
{
    protected override IObjectStore CreateStore(int historyLimit, TimeProvider? clock) => new InMemoryObjectStore(historyLimit, clock);
}
