namespace Labs.Cluster.Tests.Api;

/// <summary>RBAC escalation prevention on the API's write path, with a namespace-admin-like service account.</summary>
public sealed class EscalationApiTests
{
    private const string Account = """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"learner"}}""";

    private const string Role = """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"learner"},"rules":[
          {"apiGroups":[""],"resources":["configmaps","pods"],"verbs":["*"]},
          {"apiGroups":[""],"resources":["resourcequotas"],"verbs":["get","list","watch"]},
          {"apiGroups":["rbac.authorization.k8s.io"],"resources":["roles","rolebindings"],"verbs":["get","list","create","update","patch","delete"]}]}
        """;

    private const string Binding = """
        {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"learner"},
         "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"learner"},
         "subjects":[{"kind":"ServiceAccount","name":"learner","namespace":"default"}]}
        """;

    [Fact]
    public async Task A_user_cannot_bind_or_write_a_role_granting_more_than_it_holds()
    {
        await using var cluster = await ApiTestCluster.StartAsync();
        await cluster.PostAsync("/api/v1/namespaces/default/serviceaccounts", Account);
        await cluster.PostAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles", Role);
        await cluster.PostAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings", Binding);
        var token = (await cluster.PostAsync("/api/v1/namespaces/default/serviceaccounts/learner/token", """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","spec":{}}""")).Body!["status"]!["token"]!.GetValue<string>();
        using var learner = cluster.CreateClient(token);

        var admin = await Send(learner, "rolebindings", """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"me"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"cluster-admin"},
             "subjects":[{"kind":"ServiceAccount","name":"learner","namespace":"default"}]}
            """);
        var wider = await Send(learner, "roles", """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"quota-editor"},"rules":[
              {"apiGroups":[""],"resources":["resourcequotas"],"verbs":["delete"]}]}
            """);
        var within = await Send(learner, "roles", """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"reader"},"rules":[
              {"apiGroups":[""],"resources":["pods"],"verbs":["get"]}]}
            """);

        Assert.Equal(403, admin);
        Assert.Equal(403, wider);
        Assert.Equal(201, within);
    }

    private static async Task<int> Send(HttpClient client, string plural, string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri($"/apis/rbac.authorization.k8s.io/v1/namespaces/default/{plural}", UriKind.Relative), content, TestContext.Current.CancellationToken);
        return (int)response.StatusCode;
    }
}
