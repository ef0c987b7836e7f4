using System.Text.Json.Nodes;
using Labs.Cluster.Api.Apply;
using Labs.Cluster.Registry;
using Microsoft.AspNetCore.Http;

namespace Labs.Cluster.Api;

/// <summary>
/// POST and PUT: decode and check the body against the request, then write through the registry, which validates,
/// prepares, defaults, admits and stores (or, with <c>dryRun=All</c>, only answers).
/// </summary>
internal sealed partial class ApiServer
{
    private static bool IsDryRun(HttpContext context)
    {
        var values = context.Request.Query["dryRun"];
        foreach (var value in values)
        {
            if (value != "All")
            {
                throw ApiErrors.BadRequest($"dryRun: Unsupported value: \"{value}\": supported values: \"All\"");
            }
        }

        return values.Count > 0;
    }

    private async Task CreateAsync(HttpContext context, Target target)
    {
        var obj = await ReadObjectAsync(context, target.Definition);
        var created = CreateObject(context, target, obj, WriteOrigin.Body);
        await WriteObjectAsync(context, target.Strategy, created, 201);
    }

    /// <summary>The create path shared by POST and server-side apply of an absent object.</summary>
    private JsonObject CreateObject(HttpContext context, Target target, JsonObject obj, WriteOrigin origin)
    {
        var dryRun = IsDryRun(context);
        ValidateRequest(context, target, obj, origin, urlName: null);
        return _store.Create(target.Resource, target.Namespace, In(target.Strategy, obj), Options(context, target, dryRun, origin));
    }

    private async Task UpdateAsync(HttpContext context, Target target)
    {
        var obj = await ReadObjectAsync(context, target.Definition);
        var existing = _store.Get(target.Resource, target.Namespace, target.Name) ?? throw ApiErrors.NotFound(target.Resource, target.Name);
        var updated = UpdateObject(context, target, Out(target.Strategy, existing), obj, WriteOrigin.Body);
        await WriteObjectAsync(context, target.Strategy, updated, 200);
    }

    /// <summary>
    /// The update path shared by PUT and PATCH: the object replaces <paramref name="existing"/> (as the request's version
    /// shows it) except its status.
    /// </summary>
    private JsonObject UpdateObject(HttpContext context, Target target, JsonObject existing, JsonObject obj, WriteOrigin origin)
    {
        var dryRun = IsDryRun(context);
        ValidateRequest(context, target, obj, origin, target.Name);

        // The registry compares with the stored object; a converted view is not one, so it reads the stored one itself.
        var stored = target.Strategy.FromStorage is null ? existing : null;
        return _store.Update(target.Resource, target.Namespace, In(target.Strategy, obj), stored, Options(context, target, dryRun, origin));
    }

    private JsonObject UpdateStatusObject(HttpContext context, Target target, JsonObject obj, WriteOrigin origin)
    {
        ValidateRequest(context, target, obj, origin, target.Name);
        var options = origin.IsApply
            ? new WriteOptions(IsDryRun(context), FieldsDecided: true)
            : new WriteOptions(IsDryRun(context), Fields: FieldWriteOf(context, target, "status"));
        return _store.UpdateStatus(target.Resource, target.Namespace, In(target.Strategy, obj), options);
    }

    /// <summary>
    /// A write of the main resource by the requesting user: RBAC's escalation prevention runs on what would be stored,
    /// the user's changes are recorded in the managed fields (a server-side apply has decided those already), and kinds
    /// that record their requester learn who it is.
    /// </summary>
    private WriteOptions Options(HttpContext context, Target target, bool dryRun, WriteOrigin origin) =>
        new(dryRun, _hooks.CheckWriter is { } check ? obj => check(context, target.Resource, target.Namespace, obj) : null,
            origin.IsApply ? null : FieldWriteOf(context, target, string.Empty), FieldsDecided: origin.IsApply,
            Requester: _hooks.Requester?.Invoke(context));
}
