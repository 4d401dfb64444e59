namespace Collaborative.Benchmarks;

/// <summary>
/// The real host executable (collab.dll, Release when built so) as the benchmarks start it, through the launcher the
/// tests use (tests/Shared/HostProcess.cs): single-user unless principals are given, logging at Warning unless told
/// otherwise. Ready once it answers GetProgramme (90 s at most).
/// </summary>
internal static class BenchHost
{
    /// <summary>The host's collab.dll (Release when built so, else Debug), or null when it is not built.</summary>
    public static string? Dll => BenchSupport.Built(Path.Combine(BenchSupport.Root, "host", "Collaborative.Host"), "collab.dll");

    /// <summary>Starts the host on <paramref name="dataDirectory"/>; <paramref name="programmeFile"/> null is the default programme.</summary>
    public static Task<HostProcess> StartAsync(string dataDirectory, string pluginsDirectory, string? programmeFile, IDictionary<string, string>? environment = null)
    {
        var dll = Dll ?? throw new InvalidOperationException("Build the host first: dotnet build -c Release host/Collaborative.Host");
        var quiet = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            quiet[key] = value;
        }

        return HostProcess.LaunchAsync(dll, dataDirectory, pluginsDirectory, programmeFile, quiet, TimeSpan.FromSeconds(90));
    }
}
