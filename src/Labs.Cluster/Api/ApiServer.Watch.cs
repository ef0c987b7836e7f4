using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// Watch: a chunked stream of one JSON event per line, fed by a store subscription. Selectors are applied per event,
/// and an object that stops matching is sent as DELETED, as the real watch cache does.
/// </summary>
internal sealed partial class ApiServer
{
    private async Task WatchAsync(HttpContext context, Target target)
    {
        var query = ListQuery.Parse(context.Request.Query, target.Strategy, watch: true);
        var (labels, fields, fromVersion, timeout, bookmarks) = query;
        var asTable = TableConverter.WantsTable(context.Request.Headers.Accept);
        string? includeObject = context.Request.Query["includeObject"];
        TableConverter.Validate(includeObject);

        bool Matches(JsonObject o) =>
            (target.Namespace is null || o.MetaString("namespace") == target.Namespace)
            && (target.Name.Length == 0 || o.MetaString("name") == target.Name)
            && labels.Matches(o) && fields.Matches(o);

        var channel = Channel.CreateUnbounded<StoreEvent>(new UnboundedChannelOptions { SingleReader = true });
        var initial = new List<JsonObject>();
        IDisposable? subscription = null;
        ApiException? expired = null;
        try
        {
            if (fromVersion == 0)
            {
                // Snapshot and subscribe at the same resourceVersion so nothing falls between them.
                var list = _store.List(target.Resource, target.Namespace);
                initial.AddRange(list.Items.Where(Matches));
                subscription = _store.Subscribe(list.ResourceVersion, e => channel.Writer.TryWrite(e));
            }
            else
            {
                subscription = _store.Subscribe(fromVersion, e => channel.Writer.TryWrite(e));
                initial.AddRange(_store.List(target.Resource, target.Namespace).Items.Where(Matches));
            }
        }
        catch (ApiException e) when (e.Reason == "Expired")
        {
            expired = e;
        }

        using var _ = subscription;
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();
        await context.Response.StartAsync(context.RequestAborted);

        // The headers go out now, as the API server sends them: a client waits for them before it reads anything, and a
        // watch from the current resourceVersion may have nothing to say for minutes.
        await context.Response.Body.FlushAsync(context.RequestAborted);
        var writer = new WatchWriter(context, target.Strategy, asTable, includeObject, _time, _watchEvents);
        if (expired is not null)
        {
            await writer.WriteAsync("ERROR", StatusOf(expired));
            return;
        }

        var matching = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in initial)
        {
            matching.Add(obj.MetaString("uid"));
            if (fromVersion == 0)
            {
                await writer.WriteAsync("ADDED", obj);
            }
        }

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        timeoutSource.CancelAfter(timeout);
        var lastVersion = fromVersion == 0 ? _store.CurrentResourceVersion : fromVersion;
        try
        {
            while (true)
            {
                var waitFor = bookmarks ? BookmarkInterval : Timeout.InfiniteTimeSpan;
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token);
                wait.CancelAfter(waitFor);
                StoreEvent change;
                try
                {
                    await channel.Reader.WaitToReadAsync(wait.Token);
                    if (!channel.Reader.TryRead(out change!))
                    {
                        continue;
                    }
                }
                catch (OperationCanceledException) when (!timeoutSource.IsCancellationRequested)
                {
                    await writer.WriteAsync("BOOKMARK", BookmarkObject(target.Definition, lastVersion));
                    continue;
                }

                lastVersion = change.ResourceVersion;
                if (change.Resource != target.Resource)
                {
                    continue;
                }

                var uid = change.Object.MetaString("uid");
                var nowMatches = change.Type != "DELETED" && Matches(change.Object);
                var wasMatching = matching.Contains(uid);
                string? type = (change.Type, wasMatching, nowMatches) switch
                {
                    ("DELETED", _, _) when Matches(change.Object) || wasMatching => "DELETED",
                    ("ADDED", _, true) => "ADDED",
                    ("MODIFIED", true, true) => "MODIFIED",
                    ("MODIFIED", false, true) => "ADDED",
                    ("MODIFIED", true, false) => "DELETED",
                    _ => null,
                };
                if (nowMatches)
                {
                    matching.Add(uid);
                }
                else
                {
                    matching.Remove(uid);
                }

                if (type is not null)
                {
                    await writer.WriteAsync(type, change.Object, change.ResourceVersion);
                }
            }
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested)
        {
            // timeoutSeconds reached or the client left: end the stream cleanly.
        }
    }

    private static JsonObject BookmarkObject(ResourceDefinition definition, long rv) => new()
    {
        ["kind"] = definition.Kind,
        ["apiVersion"] = definition.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) },
    };

    /// <summary>Writes events, as objects or as one-row Tables, flushing each.</summary>
    private sealed class WatchWriter(HttpContext context, Registry.ResourceStrategy strategy, bool asTable, string? includeObject, TimeProvider time,
        WatchEventCache cache)
    {
        private bool _columnsSent;

        /// <summary>Writes a change of the store; its line is shared with every other watch that sends it in the same form.</summary>
        public async Task WriteAsync(string type, JsonObject stored, long resourceVersion)
        {
            if (asTable)
            {
                await WriteAsync(type, stored);
                return;
            }

            var line = cache.GetOrAdd(resourceVersion, type, strategy.Definition.ApiVersion,
                () => Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["object"] = Out(strategy, stored).DeepClone() }.ToJsonString() + "\n"));
            await context.Response.Body.WriteAsync(line, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }

        public async Task WriteAsync(string type, JsonObject stored)
        {
            var obj = type is "ADDED" or "MODIFIED" or "DELETED" ? Out(strategy, stored) : stored;
            JsonNode payload = obj;
            if (asTable && type is "ADDED" or "MODIFIED" or "DELETED")
            {
                payload = TableConverter.Convert(strategy, [obj], obj.MetaString("resourceVersion"), includeObject, time.GetUtcNow(), !_columnsSent);
                _columnsSent = true;
            }

            var line = new JsonObject { ["type"] = type, ["object"] = payload.DeepClone() }.ToJsonString() + "\n";
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
