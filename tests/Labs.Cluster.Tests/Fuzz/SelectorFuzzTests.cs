using System.Text;
using System.Text.Json.Nodes;
using Labs.Cluster.Api;
using Labs.Cluster.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Labs.Cluster.Tests.Fuzz;

/// <summary>Label and field selector parsers and the list/watch parameter decoder, on random and damaged input.</summary>
public sealed class SelectorFuzzTests
{
    private static readonly string[] RealSelectors =
    [
        "app=web,tier in (front,back),!legacy,env notin (dev)", "kubernetes.io/service-name=web", "count>3,count<10",
        "involvedObject.name=x,involvedObject.namespace=ns,involvedObject.uid=u", "spec.nodeName=n,status.phase!=Succeeded",
        "metadata.name=a\\,b\\=c\\\\", "x in (a,,b),y,z notin ()",
    ];

    [Fact]
    public async Task Any_label_selector_text_is_parsed_or_refused_with_a_bad_request()
    {
        var mutator = new Mutator(seed: 3001);
        var objects = Objects();
        var inputs = Texts(mutator).ToList();

        var refused = await FuzzRunner.RunAsync("label selector", inputs, t => t, text =>
        {
            var selector = LabelSelector.Parse(text);
            foreach (var obj in objects)
            {
                _ = selector.Matches(obj);
            }
        }, e => e is ApiException { Code: 400 });

        Assert.InRange(refused, 1, inputs.Count - 1);
    }

    [Fact]
    public async Task Any_field_selector_text_is_parsed_or_refused_with_a_bad_request_for_every_kind()
    {
        var mutator = new Mutator(seed: 3002);
        var objects = Objects();
        var inputs = Texts(mutator).ToList();

        await FuzzRunner.RunAsync("field selector", inputs, t => t, text =>
        {
            var parsed = FieldSelector.Parse(text);
            foreach (var strategy in ResourceRegistry.Builtin.All)
            {
                FieldSelector selector;
                try
                {
                    selector = parsed.ForKind(strategy.Fields);
                }
                catch (ApiException e) when (e.Code == 400)
                {
                    continue;
                }

                foreach (var obj in objects)
                {
                    _ = selector.Matches(obj);
                }
            }
        }, e => e is ApiException { Code: 400 });
    }

    [Fact]
    public async Task Any_list_or_watch_query_is_decoded_or_refused_as_the_api_server_refuses_it()
    {
        var mutator = new Mutator(seed: 3003);
        string[] names = ["limit", "continue", "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "watch", "allowWatchBookmarks",
            "sendInitialEvents", "labelSelector", "fieldSelector"];
        string[] values = ["", "0", "1", "-1", "abc", "99999999999999999999", "Exact", "NotOlderThan", "true", "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NSwic3RhcnQiOiJhIn0"];
        var inputs = Enumerable.Range(0, 400).Select(_ => string.Join('&', Enumerable.Range(0, 1 + mutator.Next(4))
            .Select(_ => $"{mutator.Pick(names)}={Uri.EscapeDataString(mutator.Next(3) == 0 ? mutator.Text(10) : mutator.Pick(values))}"))).ToList();

        await FuzzRunner.RunAsync("list query", inputs, q => q, text =>
        {
            var query = new QueryCollection(QueryHelpers.ParseQuery(text));
            foreach (var watch in (bool[])[false, true])
            {
                try
                {
                    _ = ListQuery.Parse(query, ResourceRegistry.Builtin.Find("", "v1", "pods")!, watch);
                }
                catch (ApiException e) when (e.Code is 400 or 410 or 422)
                {
                }
            }
        }, _ => false);
    }

    private static IEnumerable<string> Texts(Mutator mutator)
    {
        for (var i = 0; i < 400; i++)
        {
            yield return i % 2 == 0
                ? mutator.Text(40)
                : Encoding.UTF8.GetString(mutator.Mutate(Encoding.UTF8.GetBytes(mutator.Pick(RealSelectors))));
        }
    }

    private static List<JsonObject> Objects() =>
    [
        JsonNode.Parse("""{"metadata":{"name":"p","namespace":"n","labels":{"app":"web","count":"5","in":""}},"spec":{"nodeName":"a","hostNetwork":true},"status":{"phase":"Running","replicas":3}}""")!.AsObject(),
        JsonNode.Parse("""{"metadata":{"name":"q","labels":{"app":5}},"spec":"x","status":null,"source":{"component":["x"]}}""")!.AsObject(),
        new JsonObject(),
    ];
}
