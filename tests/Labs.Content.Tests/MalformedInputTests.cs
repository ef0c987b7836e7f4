namespace Labs.Content.Tests;

public sealed class MalformedInputTests
{
    private const string Noise = "ab:-[]{}\"' \n\t&*!|>#%@`,?.12~";

    [Fact]
    public void Randomly_damaged_labs_fail_only_with_lab_format_errors()
    {
        // Deterministic seed: a failure here is reproducible, and prints the damaged text.
        var random = new Random(20261122);
        var original = SampleLab.With("# T\n\n" + SampleLab.Task + "```bash run\nls\n```\n");
        for (var i = 0; i < 3000; i++)
        {
            var text = Damage(original, random);
            var ex = Record.Exception(() => LabLoader.Parse(text, "labs/sample/lab.md", "sample"));
            Assert.True(ex is null or LabFormatException, $"{ex?.GetType().Name}: {ex?.Message}\nfor input:\n{text}");
            if (ex is LabFormatException format)
                Assert.StartsWith("labs/sample/lab.md:", format.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Randomly_damaged_setup_manifests_fail_only_with_lab_format_errors_naming_the_file()
    {
        var random = new Random(20261201);
        var original = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: { app: web }
            spec:
              replicas: 2
              selector: { matchLabels: { app: web } }
              template:
                metadata: { labels: { app: web } }
                spec:
                  containers: [ { name: web, image: "nginx:1.27", ports: [ { containerPort: 80 } ] } ]
            ---
            apiVersion: v1
            kind: List
            items:
            - { apiVersion: v1, kind: ConfigMap, metadata: { name: c }, data: { a: "1" } }
            """;
        var path = Path.Combine(Path.GetTempPath(), $"labs-manifest-fuzz-{Guid.NewGuid():N}.yaml");
        try
        {
            for (var i = 0; i < 2000; i++)
            {
                var text = Damage(original, random);
                File.WriteAllText(path, text);
                var ex = Record.Exception(() => Yaml.ManifestReader.Read(path, "labs/sample/setup/app.yaml"));
                Assert.True(ex is null or LabFormatException, $"{ex?.GetType().Name}: {ex?.Message}\nfor input:\n{text}");
                if (ex is LabFormatException format)
                {
                    Assert.StartsWith("labs/sample/setup/app.yaml:", format.Message, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("---\n? [.@2#,?> :,\t.]*>\"a\n---\n")]
    [InlineData("---\n!!:].]'*\n---\n")]
    [InlineData("---\nid: sample\ntitle: [unclosed\n---\n")]
    [InlineData("---\n- a\n- b\n---\n")]
    [InlineData("---\n---\n")]
    [InlineData("")]
    public void Known_yaml_parser_traps_become_lab_format_errors(string text)
    {
        Assert.Throws<LabFormatException>(() => LabLoader.Parse(text, "labs/sample/lab.md", "sample"));
    }

    private static string Damage(string text, Random random)
    {
        var chars = text.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0:
                    chars.RemoveAt(at);
                    break;
                case 1:
                    chars.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                default:
                    chars[at] = Noise[random.Next(Noise.Length)];
                    break;
            }
        }
        return new string([.. chars]);
    }
}
