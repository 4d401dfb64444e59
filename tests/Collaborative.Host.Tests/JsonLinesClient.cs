using System.Diagnostics;
using System.Text.Json;

namespace Collaborative.Host.Tests;

/// <summary>Runs a peer's command-line client to the end: stdin in, one JSON object per stdout line out.</summary>
internal static class JsonLinesClient
{
    public static List<JsonElement> Run(string who, string executable, IEnumerable<string> arguments, string stdin, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(90)), $"the {who} did not finish in 90 s");
        Assert.True(process.ExitCode == 0, $"the {who} failed (exit {process.ExitCode}): {stderr.Result}");
        return [.. stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
    }
}
