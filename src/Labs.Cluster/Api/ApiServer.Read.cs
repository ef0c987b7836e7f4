using System.Globalization;
using System.Text.Json.Nodes;
using Labs.Cluster.Storage;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>GET and LIST, as objects or as Tables.</summary>
internal sealed partial class ApiServer
{
    private async Task GetAsync(HttpContext context, Target target)
    {
        var obj = _store.Get(target.Resource, target.Namespace, target.Name) ?? throw ApiErrors.NotFound(target.Resource, target.Name);
        await WriteObjectAsync(context, target.Strategy, obj, 200);
    }

    private async Task ListAsync(HttpContext context, Target target)
    {
        var query = ListQuery.Parse(context.Request.Query, target.Strategy, watch: false);
        var list = _store.List(target.Resource, target.Namespace);
        var (items, rv, next, remaining) = Page(target, query, list);
        var metadata = new JsonObject { ["resourceVersion"] = rv };
        if (next is not null)
        {
            metadata["continue"] = next;
            metadata["remainingItemCount"] = remaining;
        }

        if (TableConverter.WantsTable(context.Request.Headers.Accept))
        {
            string? includeObject = context.Request.Query["includeObject"];
            TableConverter.Validate(includeObject);
            var table = TableConverter.Convert(target.Strategy, items, rv, includeObject, _time.GetUtcNow());
            table["metadata"] = metadata;
            await WriteJsonAsync(context, 200, table);
            return;
        }

        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        await WriteJsonAsync(context, 200, new JsonObject
        {
            ["kind"] = target.Definition.Kind + "List",
            ["apiVersion"] = target.Definition.ApiVersion,
            ["metadata"] = metadata,
            ["items"] = array,
        });
    }

    /// <summary>
    /// One page of a LIST in key order, as the storage layer pages: at most <c>limit</c> items and a continue token for
    /// the rest. A continue token is served only while the listing it started is unchanged (the page is then exactly
    /// the snapshot it began at); once this resource has changed since, the answer is 410 Expired, as etcd answers
    /// for a compacted revision, and clients list again from the start.
    /// </summary>
    private (List<JsonObject> Items, string ResourceVersion, string? Continue, long Remaining) Page(Target target, ListQuery query, StoreList list)
    {
        var across = target.Namespace is null;
        var matching = list.Items.Where(o => query.Labels.Matches(o) && query.Fields.Matches(o))
            .OrderBy(o => ContinueToken.KeyOf(o, across), StringComparer.Ordinal)
            .ToList();
        var rv = list.ResourceVersion;
        if (query.Continue is { } token)
        {
            if (ChangedSince(target.Resource, token.ResourceVersion))
            {
                throw ListQuery.Expired();
            }

            rv = token.ResourceVersion;
            matching = matching.Where(o => string.CompareOrdinal(ContinueToken.KeyOf(o, across), token.Start) >= 0).ToList();
        }

        var rvText = rv.ToString(CultureInfo.InvariantCulture);
        if (query.Limit <= 0 || matching.Count <= query.Limit)
        {
            return (matching.Select(o => Out(target.Strategy, o)).ToList(), rvText, null, 0);
        }

        var page = matching.Take((int)Math.Min(query.Limit, int.MaxValue)).ToList();
        var next = ContinueToken.After(rv, ContinueToken.KeyOf(page[^1], across)).Encode();
        return (page.Select(o => Out(target.Strategy, o)).ToList(), rvText, next, matching.Count - page.Count);
    }

    /// <summary>Whether any object of <paramref name="resource"/> changed after <paramref name="resourceVersion"/> (true when that is too old to tell).</summary>
    private bool ChangedSince(GroupResource resource, long resourceVersion)
    {
        if (resourceVersion > _store.CurrentResourceVersion)
        {
            return true;
        }

        var changed = false;
        try
        {
            using var replay = _store.Subscribe(resourceVersion, e => changed |= e.Resource == resource);
        }
        catch (ApiException e) when (e.Reason == "Expired")
        {
            return true;
        }

        return changed;
    }

    /// <summary>Writes one object, or a one-row Table when the client asked for a Table.</summary>
    private async Task WriteObjectAsync(HttpContext context, Registry.ResourceStrategy strategy, JsonObject stored, int statusCode)
    {
        var obj = Out(strategy, stored);
        if (TableConverter.WantsTable(context.Request.Headers.Accept) && statusCode == 200 && context.Request.Method == "GET")
        {
            string? includeObject = context.Request.Query["includeObject"];
            TableConverter.Validate(includeObject);
            var table = TableConverter.Convert(strategy, [obj], obj.MetaString("resourceVersion"), includeObject, _time.GetUtcNow());
            await WriteJsonAsync(context, 200, table);
            return;
        }

        await WriteJsonAsync(context, statusCode, obj);
    }
}
