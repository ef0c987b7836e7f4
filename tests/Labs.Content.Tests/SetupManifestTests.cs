namespace Labs.Content.Tests;

public sealed class SetupManifestTests
{
    private static Lab LoadWithSetup(TempLabs temp, string yaml)
    {
        var dir = temp.Write("sample", SampleLab.With("# Hello\n\n" + SampleLab.Task));
        Directory.CreateDirectory(Path.Combine(dir, "setup"));
        File.WriteAllText(Path.Combine(dir, "setup", "objects.yaml"), yaml);
        return new LabLoader().Load(dir);
    }

    [Fact]
    public void Setup_manifests_load_as_objects_across_documents_and_lists()
    {
        using var temp = new TempLabs();

        var lab = LoadWithSetup(temp, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: one
            data:
              replicas: "2"
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Secret
              metadata: {name: two}
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: three}
              spec: {replicas: 2}
            ---
            """);

        Assert.Equal(["one", "two", "three"], lab.SetupObjects.Select(o => o.Manifest["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal("2", lab.SetupObjects[0].Manifest["data"]!["replicas"]!.GetValue<string>());
        Assert.Equal(2L, lab.SetupObjects[2].Manifest["spec"]!["replicas"]!.GetValue<long>());
    }

    [Fact]
    public void A_yaml_error_in_a_setup_manifest_names_the_file_line_and_column()
    {
        using var temp = new TempLabs();

        var error = Assert.Throws<LabFormatException>(() => LoadWithSetup(temp, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [oops\n"));

        Assert.Matches(@"sample/setup/objects\.yaml:[34]:\d+: ", error.Message);
        Assert.Contains("invalid YAML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_manifest_without_a_name_or_with_a_namespace_is_refused_with_its_position()
    {
        using var temp = new TempLabs();

        var unnamed = Assert.Throws<LabFormatException>(() => LoadWithSetup(temp, "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n"));
        var placed = Assert.Throws<LabFormatException>(() => LoadWithSetup(temp, "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: prod}\n"));

        Assert.EndsWith("setup/objects.yaml:1:1: the ConfigMap has no metadata.name", unnamed.Message, StringComparison.Ordinal);
        Assert.EndsWith("setup/objects.yaml:2:1: ConfigMap a: leave metadata.namespace out; setup objects go into each learner's own namespace", placed.Message, StringComparison.Ordinal);
    }
}
