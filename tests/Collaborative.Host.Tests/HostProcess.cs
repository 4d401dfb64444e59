namespace Collaborative.Tests;

/// <summary>The tests' way to start the host (tests/Shared/HostProcess.cs): the build of their own configuration.</summary>
internal sealed partial class HostProcess
{
    /// <summary>The host's collab.dll, built in the same configuration as these tests.</summary>
    public static string HostDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.Combine(Collaborative.Host.Tests.TestPaths.RepositoryRoot, "host", "Collaborative.Host", "bin", configuration, "net10.0", "collab.dll");
            Assert.True(File.Exists(dll), $"The host is not built: {dll}");
            return dll;
        }
    }

    /// <summary>Starts the host on a free loopback port with its own data directory and waits (up to 60 s) until it answers GetProgramme.</summary>
    public static Task<HostProcess> StartAsync(string dataDirectory, string pluginsDirectory, string? programmeFile = null, IDictionary<string, string>? environment = null) =>
        LaunchAsync(HostDll, dataDirectory, pluginsDirectory, programmeFile, environment, TimeSpan.FromSeconds(60));
}
