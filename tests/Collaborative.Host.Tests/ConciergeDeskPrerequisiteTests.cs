using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Collaborative.Host.Plugins;

namespace Collaborative.Host.Tests;

/// <summary>
/// The Python concierge desk on a machine as tests/run.sh leaves it: its code generation needs nothing that
/// script does not install, and when a prerequisite is missing the host hears once what to install.
/// </summary>
public sealed partial class ConciergeDeskPrerequisiteTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _desk = CopyOfTheDesk();

    [Fact]
    public void CodeGeneration_AsTheModuleRunsIt_NeedsOnlyIncludePathsFromPackagesThatTestsRunShInstalls()
    {
        // Importing protogen is what the module does at start: generate into a fresh gen/ and load it.
        var (exit, output, error) = Run(Python, ["-c", "import json, protogen; print(json.dumps(list(protogen.INCLUDE_PATHS)))"]);
        Assert.True(exit == 0, $"code generation failed (exit {exit}): {error}");
        var generated = Directory.GetDirectories(Path.Combine(_desk, "gen")).Single();
        Assert.True(File.Exists(Path.Combine(generated, "collaborative", "v1", "plugin_pb2_grpc.py")), "plugin.proto's service code was generated");
        Assert.True(File.Exists(Path.Combine(generated, "collaborative", "v1", "modules", "concierge_desk_pb2.py")), "the desk's own messages were generated");

        var protos = Path.Combine(TestPaths.RepositoryRoot, "protos");
        var includes = JsonSerializer.Deserialize<string[]>(output)!;
        Assert.Equal(protos, includes[0]);
        var installed = PackagesTestsRunShInstalls();
        var imported = Directory.EnumerateFiles(protos, "*.proto", SearchOption.AllDirectories)
            .SelectMany(f => ImportLine().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(name => !File.Exists(Path.Combine(protos, name)))
            .Distinct()
            .ToList();
        Assert.Contains("google/protobuf/timestamp.proto", imported);
        foreach (var name in imported)
        {
            var file = includes.Skip(1).Select(i => Path.Combine(i, name)).FirstOrDefault(File.Exists);
            Assert.True(file is not null, $"{name}, imported by protos/, is in none of the desk's include paths {string.Join(", ", includes.Skip(1))}");
            var (dpkgExit, owner, _) = Run("dpkg", ["-S", file]);
            Assert.True(dpkgExit == 0, $"{file} belongs to no Debian package");
            var package = owner.Split(':')[0];
            Assert.True(installed.Contains(package), $"{file} comes from Debian package {package}, which tests/run.sh does not install ({string.Join(" ", installed)})");
        }
    }

    [Fact]
    public void MissingWellKnownTypes_NameLibprotobufDev()
    {
        var (exit, output, error) = Run(Python, ["-c", "import prerequisites as p; p.WELL_KNOWN_INCLUDE = '/nonexistent'; print(p.MissingPrerequisite(p.missing_generators()))"]);
        Assert.True(exit == 0, error);
        Assert.Contains("the protobuf well-known types (/nonexistent/google/protobuf/timestamp.proto) (Debian package libprotobuf-dev)", output);
        Assert.Contains("Install: apt-get install libprotobuf-dev", output);
    }

    [Fact]
    public async Task WithoutProtoc_TheDeskIsReportedUnavailableOnce_NamingThePackage_WhileOthersServe()
    {
        await using var harness = new SupervisorHarness();
        harness.AddManifest("concierge-desk", Python, [Path.Combine(_desk, "main.py")], DeskEnvironment(new() { ["PROTOC"] = "/nonexistent/protoc" }));
        harness.AddCounter("steady");
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("concierge-desk").State == PluginState.Unavailable, "the desk is reported unavailable", seconds: 60);
        var desk = harness.Status("concierge-desk");
        Assert.Equal(0, desk.Restarts);
        Assert.Contains("cannot run on this machine", desk.LastError);
        Assert.Contains("protoc (/nonexistent/protoc) (Debian package protobuf-compiler)", desk.LastError);
        Assert.False(Directory.Exists(Path.Combine(_desk, "gen")) && Directory.EnumerateDirectories(Path.Combine(_desk, "gen")).Any(d => !Path.GetFileName(d).StartsWith('.')), "nothing was generated");
        await harness.WaitUntilAsync(() => harness.Status("steady").State == PluginState.Healthy, "the other plugin is healthy");
    }

    [Fact]
    public async Task WithoutGrpcio_TheDeskIsReportedUnavailable_NamingThePythonPackages()
    {
        await using var harness = new SupervisorHarness();
        // -S: no site packages, as on a machine without Debian's python3-grpcio and python3-protobuf.
        harness.AddManifest("concierge-desk", Python, ["-S", Path.Combine(_desk, "main.py")], DeskEnvironment([]));
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("concierge-desk").State == PluginState.Unavailable, "the desk is reported unavailable", seconds: 60);
        var desk = harness.Status("concierge-desk");
        Assert.Equal(0, desk.Restarts);
        Assert.Contains("Install: apt-get install python3-grpcio python3-protobuf", desk.LastError);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_desk, recursive: true);
        }
        catch (IOException)
        {
            // Temporary files; the OS cleans /tmp.
        }
    }

    private Dictionary<string, string> DeskEnvironment(Dictionary<string, string> extra) =>
        new(extra) { ["COLLAB_PROTOS_DIR"] = Path.Combine(TestPaths.RepositoryRoot, "protos") };

    /// <summary>The desk's code in a directory of its own, so its gen/ starts empty as on a fresh machine.</summary>
    private static string CopyOfTheDesk()
    {
        var copy = TestPaths.NewTemporaryDirectory();
        var source = Path.Combine(TestPaths.RepositoryRoot, "plugins", "concierge-desk");
        foreach (var file in Directory.EnumerateFiles(source).Where(f => f.EndsWith(".py", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal)))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    private static HashSet<string> PackagesTestsRunShInstalls()
    {
        var script = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "run.sh"));
        var list = AptPackages().Match(script);
        Assert.True(list.Success, "tests/run.sh has no apt_packages=(...) list");
        return [.. list.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    private (int Exit, string Output, string Error) Run(string command, string[] args)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = _desk, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["COLLAB_PROTOS_DIR"] = Path.Combine(TestPaths.RepositoryRoot, "protos");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim(), error.Result);
    }

    [GeneratedRegex("""^\s*import\s+(?:public\s+)?"([^"]+)"\s*;""", RegexOptions.Multiline)]
    private static partial Regex ImportLine();

    [GeneratedRegex(@"apt_packages=\(([^)]*)\)")]
    private static partial Regex AptPackages();
}
