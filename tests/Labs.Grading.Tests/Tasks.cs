using System.Text.Json.Nodes;
using Labs.Content;

namespace Labs.Grading.Tests;

/// <summary>Builds tasks the way lab authors write them, through the real lab loader.</summary>
internal static class Tasks
{
    public static LabTask FromYaml(string taskYaml)
    {
        var root = Path.Combine(Path.GetTempPath(), "labs-grading-tests", Guid.NewGuid().ToString("N"), "labs", "sample");
        Directory.CreateDirectory(root);
        try
        {
            File.WriteAllText(Path.Combine(root, "lab.md"), $"""
                ---
                id: sample
                title: Sample
                summary: Sample.
                difficulty: beginner
                duration: 5m
                ---
                ```task
                {taskYaml}
                ```
                """);
            return Assert.Single(new LabLoader().Load(root).Tasks);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(root))!, recursive: true);
        }
    }

    public static LabTask WebDeployment { get; } = FromYaml("""
        id: web-deployment
        title: Deployment web runs 2 nginx replicas
        checks:
          - resource: apps/v1/Deployment/web
            expect:
              spec:
                replicas: 2
                template: {spec: {containers: [{image: nginx}]}}
              status: {availableReplicas: 2}
        """);

    public static string Deployment(int replicas, int? available, string image = "nginx")
    {
        var status = new JsonObject { ["replicas"] = replicas };
        if (available is not null)
        {
            status["availableReplicas"] = available;
            status["updatedReplicas"] = available;
        }
        var deployment = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "learner-1", ["labels"] = new JsonObject { ["app"] = "web" } },
            ["spec"] = JsonNode.Parse("{\"replicas\": " + replicas + ", \"template\": {\"spec\": {\"containers\": [{\"name\": \"nginx\", \"image\": \"" + image + "\", \"ports\": [{\"containerPort\": 80}]}]}}}"),
            ["status"] = status,
        };
        return deployment.ToJsonString();
    }
}
