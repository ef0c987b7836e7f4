namespace Labs.Content.Tests;

/// <summary>Building blocks for lab.md texts in tests.</summary>
internal static class SampleLab
{
    public const string FrontMatter = """
        ---
        id: sample
        title: Sample lab
        summary: A lab for tests.
        difficulty: beginner
        duration: 15m
        tags: [testing]
        ---

        """;

    public const string Task = """
        ```task
        id: web-deployment
        title: Deployment web runs 2 replicas
        checks:
          - resource: apps/v1/Deployment/web
            expect: {spec: {replicas: 2}}
        hints: ["Use `--replicas`."]
        ```

        """;

    public static string With(string body) => FrontMatter + body;
}
