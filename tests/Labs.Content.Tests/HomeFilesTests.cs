namespace Labs.Content.Tests;

public sealed class HomeFilesTests
{
    private static string WriteLab(TempLabs temp) => temp.Write("sample", SampleLab.With("# Hello\n\n" + SampleLab.Task));

    private static void WriteFile(string dir, string relative, string text)
    {
        var path = Path.Combine(dir, LabLoader.HomeFilesFolder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Files_under_files_load_in_path_order_with_their_execute_bit()
    {
        using var temp = new TempLabs();
        var dir = WriteLab(temp);
        WriteFile(dir, "charts/web/values.yaml", "replicaCount: 1\n");
        WriteFile(dir, "charts/web/Chart.yaml", "apiVersion: v2\n");
        WriteFile(dir, "run.sh", "#!/bin/sh\n");
        File.SetUnixFileMode(Path.Combine(dir, "files", "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var lab = new LabLoader().Load(dir);

        Assert.Equal(["charts/web/Chart.yaml", "charts/web/values.yaml", "run.sh"], lab.HomeFiles.Select(f => f.RelativePath));
        Assert.Equal([false, false, true], lab.HomeFiles.Select(f => f.Executable));
        Assert.Equal("replicaCount: 1\n", File.ReadAllText(lab.HomeFiles[1].FullPath));
    }

    [Fact]
    public void A_lab_without_files_has_none()
    {
        using var temp = new TempLabs();

        Assert.Empty(new LabLoader().Load(WriteLab(temp)).HomeFiles);
    }

    [Fact]
    public void Symbolic_links_are_refused_naming_each_one_and_are_never_followed()
    {
        using var temp = new TempLabs();
        var dir = WriteLab(temp);
        WriteFile(dir, "ok.txt", "fine\n");
        File.CreateSymbolicLink(Path.Combine(dir, "files", "passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(dir, "files", "etc"), "/etc");

        var error = Assert.Throws<LabFormatException>(() => new LabLoader().Load(dir));

        Assert.Equal(2, error.Problems.Count);
        Assert.Contains("sample/files/passwd: is a symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Contains("sample/files/etc: is a symbolic link", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("etc/", error.Message.Replace("files/etc:", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_files_folder_that_is_itself_a_link_is_refused()
    {
        using var temp = new TempLabs();
        var dir = WriteLab(temp);
        Directory.CreateSymbolicLink(Path.Combine(dir, LabLoader.HomeFilesFolder), "/etc");

        var error = Assert.Throws<LabFormatException>(() => new LabLoader().Load(dir));

        Assert.Contains("sample/files: is a symbolic link", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_files_or_bytes_are_refused_with_the_counts_and_the_limit()
    {
        using var temp = new TempLabs();
        var dir = WriteLab(temp);
        for (var i = 0; i <= LabLoader.MaxHomeFiles; i++)
            WriteFile(dir, $"many/{i:D4}.txt", "x");
        File.WriteAllBytes(Path.Combine(dir, "files", "big.bin"), new byte[LabLoader.MaxHomeFileBytes]);

        var error = Assert.Throws<LabFormatException>(() => new LabLoader().Load(dir));

        Assert.Contains($"sample/files: holds {LabLoader.MaxHomeFiles + 2} files; at most {LabLoader.MaxHomeFiles}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"holds {LabLoader.MaxHomeFileBytes + LabLoader.MaxHomeFiles + 1:N0} bytes; at most {LabLoader.MaxHomeFileBytes:N0}", error.Message, StringComparison.Ordinal);
    }
}
