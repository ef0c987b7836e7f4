using System.Globalization;
using System.Text.Json.Nodes;
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
        var items = list.Items.Where(o => query.Labels.Matches(o) && query.Fields.Matches(o)).Select(o => Out(target.Strategy, o)).ToList();
        var rv = list.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (TableConverter.WantsTable(context.Request.Headers.Accept))
        {
            string? includeObject = context.Request.Query["includeObject"];
            TableConverter.Validate(includeObject);
            await WriteJsonAsync(context, 200, TableConverter.Convert(target.Strategy, items, rv, includeObject, _time.GetUtcNow()));
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
            ["metadata"] = new JsonObject { ["resourceVersion"] = rv },
            ["items"] = array,
        });
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
