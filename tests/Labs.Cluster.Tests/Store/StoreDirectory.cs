using Labs.Cluster.Storage;

namespace Labs.Cluster.Tests.Store;

/// <summary>A fresh directory for a store file, removed (with every store still open in it closed) when the test ends.</summary>
internal sealed class StoreDirectory : IDisposable
{
    private readonly List<DurableObjectStore> _open = [];

    public StoreDirectory()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("labs-store-").FullName;
        FilePath = Path.Combine(Directory, "store", DurableObjectStore.FileName);
    }

    public string Directory { get; }

    public string FilePath { get; }

    /// <summary>Opens the store file (closed again at the end of the test at the latest).</summary>
    public DurableObjectStore Open(int historyLimit = InMemoryObjectStore.DefaultHistoryLimit, TimeProvider? clock = null)
    {
        var store = DurableObjectStore.Open(FilePath, historyLimit, clock);
        _open.Add(store);
        return store;
    }

    /// <summary>Closes <paramref name="store"/> as a clean shutdown does and opens the file again.</summary>
    public DurableObjectStore Reopen(DurableObjectStore store, int historyLimit = InMemoryObjectStore.DefaultHistoryLimit, TimeProvider? clock = null)
    {
        store.Dispose();
        return Open(historyLimit, clock);
    }

    public void Dispose()
    {
        foreach (var store in _open)
        {
            store.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
