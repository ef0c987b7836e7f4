using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Api.Apply;

namespace Labs.Cluster.Tests.Api.Apply;

public sealed class FieldManagerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 3, 4, 5, TimeSpan.Zero);

    internal static readonly System.Text.Json.JsonSerializerOptions Relaxed =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static FieldWrite Write(string manager, string subresource = "") =>
        new(manager, "apps/v1", FieldSetTests.Deployments, subresource, HasStatus: true, Now);

    private static JsonObject Web(int replicas, string image = "nginx") => Obj("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default"},
         "spec":{"replicas":REPLICAS,"template":{"spec":{"containers":[{"name":"web","image":"IMAGE"}]}}}}
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("IMAGE", image, StringComparison.Ordinal));

    private static string[] Managers(JsonObject obj) =>
        [.. (obj["metadata"]!["managedFields"] as JsonArray ?? []).Select(e => $"{e!["manager"]}/{e["operation"]}{(e["subresource"] is { } s ? "/" + s : "")}")];

    private static string Fields(JsonObject obj, int index) => obj["metadata"]!["managedFields"]![index]!["fieldsV1"]!.ToJsonString(Relaxed);

    [Fact]
    public void A_create_records_an_update_entry_owning_every_field_but_identity_and_status()
    {
        var created = Web(2);
        created.Meta()["labels"] = new JsonObject { ["app"] = "web" };
        created["status"] = new JsonObject { ["replicas"] = 2 };

        FieldManager.RecordUpdate(null, created, Write("kubectl-create"));

        var entry = created["metadata"]!["managedFields"]![0]!;
        Assert.Equal("""{"manager":"kubectl-create","operation":"Update","apiVersion":"apps/v1","time":"2026-12-02T03:04:05Z","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{},"f:name":{}}}}}}}}""",
            entry.ToJsonString(Relaxed));
    }

    [Fact]
    public void An_update_takes_the_fields_it_changes_from_other_managers_and_a_manager_left_with_nothing_is_dropped()
    {
        var live = Web(2);
        FieldManager.RecordUpdate(null, live, Write("kubectl-create"));
        var scaled = live.DeepClone().AsObject();
        scaled["spec"]!["replicas"] = 5;
        FieldManager.RecordUpdate(live, scaled, Write("kubectl", "scale"));

        // Same second: by manager name.
        Assert.Equal(["kubectl/Update/scale", "kubectl-create/Update"], Managers(scaled));
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", Fields(scaled, 0));
        Assert.DoesNotContain("f:replicas", Fields(scaled, 1), StringComparison.Ordinal);

        var rescaled = scaled.DeepClone().AsObject();
        rescaled["spec"]!["replicas"] = 7;
        FieldManager.RecordUpdate(scaled, rescaled, Write("hpa", "scale"));
        Assert.Equal(["hpa/Update/scale", "kubectl-create/Update"], Managers(rescaled));
    }

    [Fact]
    public void A_write_that_sends_an_empty_managed_fields_entry_clears_them_and_one_that_sends_none_keeps_the_live_ones()
    {
        var live = Web(2);
        FieldManager.RecordUpdate(null, live, Write("kubectl-create"));

        var unchanged = live.DeepClone().AsObject();
        unchanged.Meta().Remove("managedFields");
        FieldManager.RecordUpdate(live, unchanged, Write("kubectl-replace"));
        Assert.Equal(["kubectl-create/Update"], Managers(unchanged));

        var reset = live.DeepClone().AsObject();
        reset.Meta()["managedFields"] = new JsonArray(new JsonObject());
        FieldManager.RecordUpdate(live, reset, Write("kubectl-replace"));
        Assert.Null(reset["metadata"]!["managedFields"]);
    }

    [Fact]
    public void A_status_write_owns_only_status()
    {
        var live = Web(2);
        var updated = live.DeepClone().AsObject();
        updated["status"] = new JsonObject { ["replicas"] = 2 };
        updated["spec"]!["replicas"] = 9;

        FieldManager.RecordUpdate(live, updated, Write("kube-controller-manager", "status"));

        Assert.Equal("""{"f:status":{".":{},"f:replicas":{}}}""", Fields(updated, 0));
    }

    [Fact]
    public void Apply_conflicts_with_the_manager_of_a_field_it_would_change_in_the_apiservers_words()
    {
        var live = Web(2);
        FieldManager.RecordUpdate(null, live, Write("kubectl-client-side-apply"));

        var e = Assert.Throws<ApiException>(() => FieldManager.Apply(live, Web(3, "nginx:1.27"), Write("ci"), force: false));

        Assert.Equal(409, e.Code);
        Assert.Equal(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n- .spec.replicas\n- .spec.template.spec.containers[name=\"web\"].image",
            e.Message);
        Assert.Equal("""[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-client-side-apply\" using apps/v1","field":".spec.replicas"},{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-client-side-apply\" using apps/v1","field":".spec.template.spec.containers[name=\"web\"].image"}]""",
            e.Details!["causes"]!.ToJsonString(Relaxed));
    }

    [Fact]
    public void A_forced_apply_takes_the_fields_and_an_equal_value_is_shared_without_conflict()
    {
        var live = Web(2);
        FieldManager.RecordUpdate(null, live, Write("kubectl-create"));

        var shared = FieldManager.Apply(live, Web(2), Write("ci"), force: false);
        Assert.Equal(["ci/Apply", "kubectl-create/Update"], Managers(shared));
        Assert.Contains("f:replicas", Fields(shared, 1), StringComparison.Ordinal);

        var forced = FieldManager.Apply(shared, Web(4), Write("ci"), force: true);
        Assert.Equal(4, (int)forced["spec"]!["replicas"]!);
        Assert.DoesNotContain("f:replicas", Fields(forced, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_removes_what_the_applier_no_longer_applies_unless_another_manager_owns_it()
    {
        var config = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"a":"1","b":"2"}}}""");
        var write = new FieldWrite("ci", "v1", ApplyTypes.Untyped, "", false, Now);
        var applied = FieldManager.Apply(null, config, write, force: false);
        var labelled = applied.DeepClone().AsObject();
        labelled["metadata"]!["labels"]!["c"] = "3";
        FieldManager.RecordUpdate(applied, labelled, write with { Manager = "kubectl-label" });
        var shared = FieldManager.Apply(labelled, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","labels":{"b":"2"}}}"""),
            write with { Manager = "other" }, force: false);

        var next = FieldManager.Apply(shared, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}"""), write, force: false);

        Assert.Equal("""{"b":"2","c":"3"}""", next["metadata"]!["labels"]!.ToJsonString());
        Assert.DoesNotContain(Managers(next), m => m.StartsWith("ci/", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_refuses_a_configuration_that_carries_managed_fields()
    {
        var config = Web(1);
        config.Meta()["managedFields"] = new JsonArray();

        var e = Assert.Throws<ApiException>(() => FieldManager.Apply(null, config, Write("ci"), force: false));

        Assert.Equal((400, "metadata.managedFields must be nil"), (e.Code, e.Message));
    }

    [Fact]
    public void Apply_merges_list_items_by_key_keeping_live_items_in_place()
    {
        var live = Obj("""{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]}}}}""");
        var config = Obj("""{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"z"},{"name":"b","image":"y2"}]}}}}""");

        var merged = ObjectMerge.Merge(live, config, FieldSetTests.Deployments)!;

        Assert.Equal("""[{"name":"a","image":"x"},{"name":"c","image":"z"},{"name":"b","image":"y2"}]""",
            merged["spec"]!["template"]!["spec"]!["containers"]!.ToJsonString());
    }
}
