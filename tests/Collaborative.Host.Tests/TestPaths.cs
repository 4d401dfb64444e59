namespace Collaborative.Host.Tests;

internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The test plugin's dll, built in the same configuration as these tests.</summary>
    public static string CounterPluginDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
            var dll = Path.Combine(RepositoryRoot, "tests", "Collaborative.Host.Tests.Plugin", "bin", configuration, "net10.0", "Collaborative.Host.Tests.Plugin.dll");
            Assert.True(File.Exists(dll), $"The test plugin is not built: {dll}");
            return dll;
        }
    }

    /// <summary>A programme module's dll (plugins/NAME), built with the host in the same configuration as these tests.</summary>
    public static string ModuleDll(string name)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepositoryRoot, "plugins", name, "bin", configuration, "net10.0", name + ".dll");
        Assert.True(File.Exists(dll), $"The module is not built: {dll}");
        return dll;
    }

    public static string NewTemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "collab-test-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Collaborative.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Collaborative.sln above " + AppContext.BaseDirectory);
    }
}
