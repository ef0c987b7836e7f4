using System.Text.Json.Nodes;
using Labs.Content.Checks;

namespace Labs.Content.Tests;

public sealed class CheckParsingTests
{
    [Fact]
    public void Every_kind_of_check_is_read_with_its_fields()
    {
        var checks = Checks("""
              - resource: v1/Pod/web
                jsonpath: '{.spec.containers[*].image}'
                every: {matches: '^nginx'}
                points: 2
                description: every container runs nginx
                why: The image decides what runs.
              - resource: v1/Pod/web
                condition: ready
                timeout: 30s
              - resource: v1/Service/web
                condition: endpoints
                endpoints: 2
              - count: v1/Pod
                labels: app=web
                fields: status.phase=Running
                gte: 2
              - file: /opt/course/1/answer.txt
                equals: "web-1 web-2"
                normalize: whitespace
              - command: kubectl get pod web
                as: grader
              - command: cat /etc/hostname
                contains: toolbox
              - access: {as: "system:serviceaccount:$NAMESPACE:reader", verb: list, resource: pods}
                allowed: false
              - http: http://web.$NAMESPACE.svc/
                from: pod/client
                status: 200
                contains: Welcome
            """);

        var path = Assert.IsType<JsonPathCheck>(checks[0]);
        Assert.Equal(Quantifier.Every, path.Assertion.Quantifier);
        Assert.Equal(AssertionOperator.Matches, path.Assertion.Operator);
        Assert.Equal((2, "every container runs nginx", "The image decides what runs."), (path.Points, path.Description, path.Why));
        var ready = Assert.IsType<ConditionCheck>(checks[1]);
        Assert.Equal((WaitCondition.Ready, TimeSpan.FromSeconds(30)), (ready.Condition, ready.Timeout));
        Assert.Equal((WaitCondition.Endpoints, 2), (((ConditionCheck)checks[2]).Condition, ((ConditionCheck)checks[2]).Endpoints));
        var count = Assert.IsType<CountCheck>(checks[3]);
        Assert.Equal(("v1", "Pod", "app=web", "status.phase=Running", AssertionOperator.AtLeast), (count.ApiVersion, count.Kind, count.Labels, count.Fields, count.Assertion.Operator));
        var file = Assert.IsType<FileCheck>(checks[4]);
        Assert.True(file.NormalizeWhitespace);
        var grader = Assert.IsType<CommandCheck>(checks[5]);
        Assert.Equal((CommandRunner.Grader, 0, (Assertion?)null), (grader.Runner, grader.ExitCode, grader.Output));
        var output = Assert.IsType<CommandCheck>(checks[6]);
        Assert.Null(output.ExitCode);
        Assert.Equal(AssertionOperator.Contains, output.Output!.Operator);
        var access = Assert.IsType<AccessCheck>(checks[7]);
        Assert.Equal(("system:serviceaccount:$NAMESPACE:reader", "list", "pods", false), (access.User, access.Verb, access.Resource, access.Allowed));
        var reach = Assert.IsType<ReachCheck>(checks[8]);
        Assert.Equal(("client", 200, "Welcome"), (reach.FromPod, reach.Status, (string?)reach.Body!.Operand));
        Assert.All(checks, c => Assert.Equal("labs/sample/lab.md", c.File));
    }

    [Fact]
    public void A_check_without_a_kind_lists_the_kinds()
    {
        var ex = Fails("  - expect: {a: 1}\n");
        Assert.Equal("labs/sample/lab.md:13:5: a check needs one of: resource, count, file, command, access, http (e.g. - resource: apps/v1/Deployment/web)", ex.Message);
    }

    [Fact]
    public void Two_kinds_in_one_check_are_rejected()
    {
        var ex = Fails("  - resource: v1/Pod/a\n    file: /tmp/x\n");
        Assert.Contains("this one has resource and file: split it into 2 checks", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_jsonpath_is_reported_at_the_character_in_lab_md()
    {
        var ex = Fails("  - resource: v1/Pod/a\n    jsonpath: .spec[?(@.name ~ 1)]\n    exists: true\n");
        Assert.Equal("labs/sample/lab.md:14:30: invalid JSONPath '.spec[?(@.name ~ 1)]' at character 16: expected ')' to close the filter", ex.Message);
    }

    [Theory]
    [InlineData("  - resource: v1/Pod/a\n    jsonpath: .x\n", "a jsonpath check needs one of: equals, contains")]
    [InlineData("  - resource: v1/Pod/a\n    jsonpath: .x\n    equals: 1\n    contains: 2\n", "a check takes one operator; this one has equals and contains")]
    [InlineData("  - resource: v1/Pod/a\n    jsonpath: .x\n    matches: '[a-'\n", "'matches' is not a valid regular expression")]
    [InlineData("  - resource: v1/Pod/a\n    jsonpath: .x\n    gt: many\n", "'gt' must be a number")]
    [InlineData("  - resource: v1/Pod/a\n    jsonpath: .x\n    in: web\n", "'in' must be a list")]
    [InlineData("  - resource: v1/Pod/a\n    condition: rolledOut\n", "condition 'rolledOut' applies to Deployment, StatefulSet, DaemonSet, not to Pod")]
    [InlineData("  - resource: v1/Pod/a\n    condition: healthy\n", "condition 'healthy' is not one of")]
    [InlineData("  - resource: v1/Pod/a\n    equals: 1\n", "'equals' does not go with this check")]
    [InlineData("  - count: Pod\n    equals: 1\n", "count 'Pod' must be apiVersion/Kind")]
    [InlineData("  - count: v1/Pod\n    equals: two\n", "'equals' must be a number here")]
    [InlineData("  - count: v1/Pod\n    contains: 1\n", "'contains' does not apply to a count")]
    [InlineData("  - file: answer.txt\n", "must be an absolute path or start with ~/")]
    [InlineData("  - file: /a\n    normalize: case\n", "normalize 'case' is not one of: whitespace")]
    [InlineData("  - command: ls\n    as: root\n", "as 'root' is not one of: learner, grader")]
    [InlineData("  - command: ls\n    timeout: forever\n", "timeout 'forever' is not a duration")]
    [InlineData("  - access: {as: bob, verb: list}\n", "access has no 'resource'")]
    [InlineData("  - access: {as: bob, verb: List, resource: pods}\n", "verb 'List' must be a verb")]
    [InlineData("  - http: web/\n", "must be an absolute http:// or https:// URL")]
    [InlineData("  - http: http://web/\n    from: node/a\n", "from 'node/a' must be toolbox or pod/NAME")]
    [InlineData("  - resource: v1/Pod/a\n    points: 0\n", "task 't' is worth 0 points")]
    [InlineData("  - resource: v1/Pod/a\n    jsonpath: .x\n    every: {every: {equals: 1}}\n", "unknown every operator 'every'")]
    [InlineData("  - file: /a\n    every: {equals: 1}\n", "'every' applies to the values a jsonpath selects")]
    public void A_malformed_check_says_what_is_wrong(string checks, string expected)
    {
        var ex = Fails(checks);
        Assert.StartsWith("labs/sample/lab.md:1", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_v1_hint_and_weight_fields_say_what_replaced_them()
    {
        var hint = Fails("  - resource: v1/Pod/a\nhint: x\n");
        var weight = Fails("  - resource: v1/Pod/a\nweight: 2\n");

        Assert.Contains("'hint' is now 'hints'", hint.Message, StringComparison.Ordinal);
        Assert.Contains("give each check 'points:' instead", weight.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_of_a_lab_is_reported_at_once()
    {
        var text = SampleLab.FrontMatter.Replace("beginner", "easy", StringComparison.Ordinal)
            + "```task\nid: a\ntitle: A\nchecks: [{resource: v1/Pod/a, jsonpath: '.[', exists: true}]\n```\n\n"
            + "```task\nid: b\ntitle: B\nchecks: [{count: v1/Pod}]\n```\n";

        var ex = Assert.Throws<LabFormatException>(() => LabLoader.Parse(text, "labs/sample/lab.md", "sample"));

        Assert.Equal(3, ex.Problems.Count);
        Assert.Equal([5, 12, 18], ex.Problems.Select(p => p.Line));
        Assert.Equal(3, ex.Message.Split('\n').Length);
    }

    [Fact]
    public void Assertions_read_their_operands_with_yaml_types()
    {
        var checks = Checks("""
              - resource: v1/Service/a
                jsonpath: .spec.type
                in: [ClusterIP, NodePort]
              - resource: v1/Pod/a
                jsonpath: .metadata.labels.tier
                exists: false
            """);

        Assert.Equal(new JsonArray("ClusterIP", "NodePort").ToJsonString(), ((JsonPathCheck)checks[0]).Assertion.Operand!.ToJsonString());
        Assert.True(((JsonPathCheck)checks[1]).Assertion.Negated);
        Assert.Equal("exists", ((JsonPathCheck)checks[1]).Assertion.OperatorName);
    }

    private static IReadOnlyList<Check> Checks(string checks) =>
        LabLoader.Parse(SampleLab.With($"```task\nid: t\ntitle: T\nchecks:\n{checks}\n```\n"), "labs/sample/lab.md", "sample").Tasks[0].Checks;

    private static LabFormatException Fails(string checks) =>
        Assert.Throws<LabFormatException>(() => Checks(checks));
}
