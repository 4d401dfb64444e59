using System.Diagnostics;
using System.Text;

namespace Collaborative.Interop.Tests;

/// <summary>A real gRPC implementation whose client we run against the host (its server serves the peers' self check).</summary>
public sealed record Peer(string Name, string Executable, string ClientScript)
{
    public static readonly string PeersDirectory = Path.Combine(RepositoryRoot.Path, "tests", "interop", "peers");

    public static Peer Python { get; } = new("python-grpcio", "/usr/bin/python3", Path.Combine(PeersDirectory, "python", "client.py"));

    public static Peer Node { get; } = new("node-grpc-js", "node", Path.Combine(PeersDirectory, "node", "client.js"));

    /// <summary>Every client scenario the peers' clients run; peers/expect.py says what a correct server answers.</summary>
    public static IReadOnlyList<string> ClientScenarios { get; } =
        ["unary", "server_stream", "client_stream", "bidi", "error", "deadline", "metadata", "too_big", "too_big_reply", "unknown_method", "unknown_service", "cancel", "gzip"];

    /// <summary>Each peer with each client scenario, for theories.</summary>
    public static TheoryData<string, string> ClientCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var peer in new[] { Python.Name, Node.Name })
        {
            foreach (var scenario in ClientScenarios)
            {
                data.Add(peer, scenario);
            }
        }

        return data;
    }

    /// <summary>Runs the client scenario against <paramref name="target"/> and fails unless expect.py accepts what it reports.</summary>
    public void AssertClientScenario(string target, string scenario, string path, Func<string>? context = null)
    {
        EnsureInstalled();
        var json = RunClient(target, scenario);
        var verdict = Run("/usr/bin/python3", [System.IO.Path.Combine(PeersDirectory, "expect.py"), scenario, json], TimeSpan.FromSeconds(30));
        Assert.True(verdict.ExitCode == 0, $"{Name} → {path}, scenario '{scenario}': {verdict.Stderr.Trim()}\nJSON: {json}{(context is null ? "" : "\n" + context())}");
    }

    public static Peer ByName(string name) => name == Python.Name ? Python : name == Node.Name ? Node : throw new ArgumentException(name);

    /// <summary>
    /// Fails (never skips) when the peer is not installed: a missing peer is a broken test machine,
    /// and tests/run.sh installs both.
    /// </summary>
    public void EnsureInstalled()
    {
        if (this == Python)
        {
            var probe = Run(Executable, ["-c", "import grpc, google.protobuf; print(grpc.__version__)"], TimeSpan.FromSeconds(30));
            Assert.True(probe.ExitCode == 0, $"Python grpcio is not installed (apt-get install python3-grpcio python3-protobuf protobuf-compiler-grpc; tests/run.sh does this): {probe.Stderr}");
        }
        else
        {
            Assert.True(Directory.Exists(Path.Combine(PeersDirectory, "node", "node_modules", "@grpc", "grpc-js")),
                "Node grpc-js is not installed: run `npm ci` in tests/interop/peers/node (tests/run.sh does this).");
        }
    }

    /// <summary>Runs one client scenario against <paramref name="target"/> and returns its JSON line.</summary>
    public string RunClient(string target, string scenario)
    {
        var result = Run(Executable, [ClientScript, "--target", target, "--scenario", scenario], TimeSpan.FromSeconds(90));
        Assert.True(result.ExitCode == 0, $"{Name} client crashed in scenario '{scenario}' (exit {result.ExitCode}): {result.Stderr}");
        var line = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        Assert.False(string.IsNullOrEmpty(line), $"{Name} client printed nothing in scenario '{scenario}': {result.Stderr}");
        return line!;
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string executable, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = PeersDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{executable} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds} s.");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Collaborative.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Collaborative.sln) above " + AppContext.BaseDirectory);
    }
}
