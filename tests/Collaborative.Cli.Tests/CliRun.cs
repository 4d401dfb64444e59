using System.Diagnostics;
using System.Text.Json;
using Collaborative.Host.Tests;

namespace Collaborative.Cli.Tests;

/// <summary>One run of the real `collab` executable: its exit code, stdout and stderr.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public JsonElement Json => JsonDocument.Parse(Output).RootElement;

    /// <summary>Runs `dotnet collab.dll args` with output redirected (so no colours, no progress bar) and NO_COLOR set.</summary>
    public static async Task<CliRun> StartAsync(IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostProcess.HostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The test machine's own settings must not leak in.
        start.Environment.Remove("COLLAB_ADDRESS");
        start.Environment.Remove("COLLAB_TOKEN");
        start.Environment.Remove("COLLAB_PROGRAMME");
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"collab {string.Join(' ', args)} did not finish in 90 s. stderr:\n{await error}");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
