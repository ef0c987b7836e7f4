using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Labs.Content.Charts;

namespace Labs.Content.Tests;

public sealed class ChartRepositoryTests
{
    private const string ChartYaml = "apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: \"1.25\"\ndescription: A web server.\n";

    private static string WriteChart(TempLabs temp, string folder, string chartYaml = ChartYaml)
    {
        var dir = Path.Combine(temp.LabsDirectory, ChartRepository.FolderName, folder);
        Directory.CreateDirectory(Path.Combine(dir, "templates"));
        File.WriteAllText(Path.Combine(dir, "Chart.yaml"), chartYaml);
        File.WriteAllText(Path.Combine(dir, "values.yaml"), "replicaCount: 1\n");
        File.WriteAllText(Path.Combine(dir, "templates", "deployment.yaml"), "kind: Deployment\n");
        return dir;
    }

    private static ChartRepository Load(TempLabs temp, out IReadOnlyList<LabFormatException> problems) =>
        ChartRepository.Load(temp.LabsDirectory, out problems);

    [Fact]
    public void The_librarys_charts_are_indexed_with_every_version_and_the_digest_of_each_archive()
    {
        var charts = ChartRepository.Load(Repo.LabsDirectory, out var problems);

        Assert.Empty(problems);
        Assert.True(charts.TryGetFile(ChartRepository.IndexFileName, out var index, out var type));
        Assert.Equal("application/x-yaml", type);
        var webapp = JsonNode.Parse(index.Span)!["entries"]!["webapp"]!.AsArray();
        Assert.Equal(["1.0.0", "1.1.0"], webapp.Select(v => v!["version"]!.GetValue<string>()));
        foreach (var version in webapp)
        {
            var file = version!["urls"]![0]!.GetValue<string>();
            Assert.True(charts.TryGetFile(file, out var archive, out var archiveType));
            Assert.Equal("application/gzip", archiveType);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(archive.Span)), version["digest"]!.GetValue<string>());
            Assert.Equal("v2", version["apiVersion"]!.GetValue<string>());
        }
    }

    [Fact]
    public void An_archive_holds_the_charts_files_under_its_name_and_is_the_same_every_time()
    {
        using var temp = new TempLabs();
        WriteChart(temp, "web");

        var first = Load(temp, out var problems);
        var again = Load(temp, out _);

        Assert.Empty(problems);
        var chart = Assert.Single(first.Charts);
        Assert.Equal(("web", "0.1.0", "web-0.1.0.tgz"), (chart.Name, chart.Version, chart.FileName));
        Assert.Equal(chart.Digest, Assert.Single(again.Charts).Digest);
        var entries = new Dictionary<string, string>();
        using (var tar = new TarReader(new GZipStream(new MemoryStream(chart.Archive.ToArray()), CompressionMode.Decompress)))
        {
            while (tar.GetNextEntry() is { } entry)
                entries[entry.Name] = new StreamReader(entry.DataStream!).ReadToEnd();
        }

        Assert.Equal(["web/Chart.yaml", "web/templates/deployment.yaml", "web/values.yaml"], entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ChartYaml, entries["web/Chart.yaml"]);
        Assert.False(first.TryGetFile("web-0.2.0.tgz", out _, out _));
        Assert.False(first.TryGetFile("../Chart.yaml", out _, out _));
    }

    [Fact]
    public void Without_a_charts_folder_the_index_lists_nothing()
    {
        using var temp = new TempLabs();

        var charts = Load(temp, out var problems);

        Assert.Empty(problems);
        Assert.Empty(charts.Charts);
        Assert.Empty(JsonNode.Parse(charts.Index.Span)!["entries"]!.AsObject());
    }

    [Theory]
    [InlineData("web", "apiVersion: v2\nname: web\n", "labs/_charts/web/Chart.yaml:1:1: version must be a SemVer 2 version such as 0.1.0 (found '')")]
    [InlineData("web", "apiVersion: v2\nname: web\nversion: 1.0\n", "version must be a SemVer 2 version such as 0.1.0 (found '')")]
    [InlineData("web", "apiVersion: v3\nname: web\nversion: 0.1.0\n", "labs/_charts/web/Chart.yaml:1:1: apiVersion must be v2")]
    [InlineData("web", "apiVersion: v2\nname: other\nversion: 0.1.0\n", "name must be the folder's name, or the folder must be NAME-VERSION ('web' holds name 'other', version '0.1.0')")]
    [InlineData("web-0.1.0", "apiVersion: v2\nname: web\nversion: 0.2.0\n", "('web-0.1.0' holds name 'web', version '0.2.0')")]
    [InlineData("web", "apiVersion: v2\nname: web\nversion: 0.1.0\nappVersion: 1.10\n", "appVersion must be a string; quote it")]
    [InlineData("web", "apiVersion: v2\nname: web\nversion: [0.1.0\n", "labs/_charts/web/Chart.yaml:4:1: invalid YAML")]
    public void A_broken_chart_yaml_is_a_problem_with_its_file_and_line_and_the_chart_is_left_out(string folder, string chartYaml, string expected)
    {
        using var temp = new TempLabs();
        WriteChart(temp, folder, chartYaml);
        WriteChart(temp, "good-0.1.0", ChartYaml.Replace("name: web", "name: good", StringComparison.Ordinal));

        var charts = Load(temp, out var problems);

        Assert.Contains(problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(["good"], charts.Charts.Select(c => c.Name));
    }

    [Fact]
    public void Links_stray_files_a_missing_chart_yaml_and_a_version_twice_are_each_a_problem()
    {
        using var temp = new TempLabs();
        var web = WriteChart(temp, "web");
        WriteChart(temp, "web-0.1.0");
        File.CreateSymbolicLink(Path.Combine(web, "templates", "secret.yaml"), "/etc/shadow");
        Directory.CreateDirectory(Path.Combine(temp.LabsDirectory, ChartRepository.FolderName, "empty"));
        File.WriteAllText(Path.Combine(temp.LabsDirectory, ChartRepository.FolderName, "web-0.1.0.tgz"), "not a folder");

        Load(temp, out var problems);

        var messages = string.Join('\n', problems.Select(p => p.Message));
        Assert.Contains("labs/_charts/web/templates/secret.yaml: is a symbolic link", messages, StringComparison.Ordinal);
        Assert.Contains("labs/_charts/empty: has no Chart.yaml", messages, StringComparison.Ordinal);
        Assert.Contains("labs/_charts/web-0.1.0.tgz: is a file; _charts/ holds one folder per chart", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("web-0.1.0: is chart web version 0.1.0 again", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_version_in_two_folders_is_a_problem()
    {
        using var temp = new TempLabs();
        WriteChart(temp, "web");
        WriteChart(temp, "web-0.1.0");

        var charts = Load(temp, out var problems);

        Assert.Equal("labs/_charts/web-0.1.0: is chart web version 0.1.0 again; each version of a chart may be in one folder only", Assert.Single(problems).Message);
        Assert.Single(charts.Charts);
    }

    [Fact]
    public void A_catalog_lists_chart_problems_as_the_broken_folder_charts_and_serves_the_good_charts()
    {
        using var temp = new TempLabs();
        WriteChart(temp, "web");
        WriteChart(temp, "bad", "apiVersion: v2\nname: bad\n");

        var catalog = LabCatalog.Load(temp.LabsDirectory);

        var broken = Assert.Single(catalog.Broken);
        Assert.Equal(ChartRepository.FolderName, broken.Id);
        Assert.Contains("labs/_charts/bad/Chart.yaml", Assert.Single(broken.Problems).Message, StringComparison.Ordinal);
        Assert.Equal(["web"], catalog.Charts.Charts.Select(c => c.Name));
        Assert.Contains("labs/_charts/bad/Chart.yaml", Assert.Single(LabCatalog.Validate(temp.LabsDirectory)).Message, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetString(catalog.Charts.Index.Span).Contains("web-0.1.0.tgz", StringComparison.Ordinal));
    }
}
