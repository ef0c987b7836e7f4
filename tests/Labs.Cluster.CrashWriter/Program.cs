using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;

namespace Labs.Cluster.CrashWriter;

/// <summary>
/// <c>Labs.Cluster.CrashWriter &lt;store file&gt; &lt;run&gt; &lt;writers&gt;</c>: opens the durable store, prints <c>ready</c>, then
/// has every writer thread write its keys as fast as it can, printing one line per acknowledged write, until killed
/// (or, should nobody kill it, for a minute).
/// </summary>
public static class Program
{
    private static readonly TimeSpan MostRunTime = TimeSpan.FromMinutes(1);

    public static int Main(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var run) || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var writers))
        {
            Console.Error.WriteLine("usage: Labs.Cluster.CrashWriter <store file> <run number> <writer threads>");
            return 64;
        }

        DurableObjectStore store;
        try
        {
            store = DurableObjectStore.Open(args[0]);
        }
        catch (ClusterSetupException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }

        if (store.Get(CrashWorkload.Namespaces, null, CrashWorkload.Namespace) is null)
        {
            store.Create(CrashWorkload.Namespaces, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = CrashWorkload.Namespace } });
        }

        Console.Out.WriteLine("ready");
        var deadline = DateTime.UtcNow + MostRunTime;
        var threads = Enumerable.Range(0, writers).Select(w => new Thread(() => Write(store, run, w, deadline))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        store.Dispose();
        return 0;
    }

    private static void Write(DurableObjectStore store, int run, int writer, DateTime deadline)
    {
        var seqs = new long[CrashWorkload.KeysPerWriter];
        for (var turn = 0; DateTime.UtcNow < deadline; turn++)
        {
            var slot = turn % CrashWorkload.KeysPerWriter;
            var key = CrashWorkload.Key(run, writer, slot);
            var seq = seqs[slot]++;
            var written = CrashWorkload.Operation(seq) switch
            {
                "create" => store.Create(CrashWorkload.ConfigMaps, CrashWorkload.Namespace, CrashWorkload.Write(key, seq)),
                "update" => store.Update(CrashWorkload.ConfigMaps, CrashWorkload.Namespace, CrashWorkload.Write(key, seq)),
                _ => store.Delete(CrashWorkload.ConfigMaps, CrashWorkload.Namespace, key)
                    ?? throw new InvalidOperationException($"{key} was not there to delete"),
            };
            Console.Out.WriteLine(CrashWorkload.AckLine(key, seq, CrashWorkload.ResourceVersion(written)));
        }
    }
}
