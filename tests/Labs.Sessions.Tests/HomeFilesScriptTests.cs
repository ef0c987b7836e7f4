using System.Diagnostics;
using System.Text;

namespace Labs.Sessions.Tests;

public sealed class HomeFilesScriptTests
{
    [Fact]
    public async Task Run_by_bash_the_script_writes_every_file_byte_for_byte_with_folders_and_execute_bits()
    {
        var home = Directory.CreateTempSubdirectory("labs-home-files-").FullName;
        try
        {
            var binary = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
            var large = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("replicaCount: 2\n", 1000)));
            var files = new List<HomeFile>
            {
                new("charts/web/Chart.yaml", Encoding.UTF8.GetBytes("apiVersion: v2\nname: web\n"), false),
                new("charts/web/templates/it's here $(id).yaml", "LABS_FILE_END\n"u8.ToArray(), false),
                new("bin/run.sh", "#!/bin/sh\necho hi\n"u8.ToArray(), true),
                new("blob.bin", binary, false),
                new("values.yaml", large, false),
                new("empty.txt", Array.Empty<byte>(), false),
            };

            await RunBashAsync(HomeFilesScript.For(files), home);

            foreach (var file in files)
                Assert.Equal(file.Content.ToArray(), await File.ReadAllBytesAsync(Path.Combine(home, file.Path), TestContext.Current.CancellationToken));
            Assert.True((File.GetUnixFileMode(Path.Combine(home, "bin/run.sh")) & UnixFileMode.UserExecute) != 0);
            Assert.True((File.GetUnixFileMode(Path.Combine(home, "values.yaml")) & UnixFileMode.UserExecute) == 0);
        }
        finally
        {
            Directory.Delete(home, recursive: true);
        }
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("../outside")]
    [InlineData("charts/../../outside")]
    [InlineData("charts//web")]
    [InlineData("./x")]
    [InlineData("")]
    public void A_path_outside_the_home_is_refused_naming_it(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => HomeFilesScript.For([new HomeFile(path, "x"u8.ToArray(), false)]));

        Assert.Contains($"'{path}' is not a path inside the home", error.Message, StringComparison.Ordinal);
    }

    private static async Task RunBashAsync(string script, string home)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
        start.Environment["HOME"] = home;
        using var bash = Process.Start(start)!;
        await bash.StandardInput.WriteAsync(script.AsMemory(), TestContext.Current.CancellationToken);
        bash.StandardInput.Close();
        var error = await bash.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await bash.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(bash.ExitCode == 0, $"bash exited {bash.ExitCode}: {error}");
    }
}
