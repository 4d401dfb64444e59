using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Collaborative.Host.Tests;

/// <summary>
/// tests/e2e/host_client.py, a partner's Python grpcio client of host.proto. Its code is generated from
/// protos/ by Debian's protoc once per test run: the partner needs nothing from us but the .proto files.
/// </summary>
internal static class PythonHostClient
{
    private static readonly Lazy<string> s_generated = new(Generate);

    public static List<JsonElement> Run(string target, string stdin, params string[] args) =>
        JsonLinesClient.Run("Python client", "/usr/bin/python3", [Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "host_client.py"), "--target", target, .. args],
            stdin, new Dictionary<string, string> { ["PYTHONPATH"] = s_generated.Value });

    /// <summary>Starts the client and hands back the process, for streams read while the test acts.</summary>
    public static Process Start(string target, params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(TestPaths.RepositoryRoot, "tests", "e2e", "host_client.py"));
        start.ArgumentList.Add("--target");
        start.ArgumentList.Add(target);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PYTHONPATH"] = s_generated.Value;
        return Process.Start(start)!;
    }

    private static string Generate()
    {
        var output = Path.Combine(Path.GetTempPath(), "collab-pygen-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(output);
        var start = new ProcessStartInfo("protoc")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--python_out=" + output, "--grpc_python_out=" + output, "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin",
                     "-I", Path.Combine(TestPaths.RepositoryRoot, "protos"), "-I", "/usr/include",
                     "collaborative/v1/host.proto", "collaborative/v1/observation.proto", "collaborative/v1/alignment.proto", "collaborative/v1/plugin.proto",
                     "collaborative/v1/method.proto",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("protoc did not start (apt-get install protobuf-compiler-grpc; tests/run.sh does this)");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"protoc failed: {error}");
        return output;
    }
}
