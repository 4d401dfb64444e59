using System.Diagnostics;
using System.Reflection;

namespace Collaborative.Cluster.Tests;

/// <summary>
/// The Roslyn guard in Directory.Build.targets, on a throwaway project that imports it: a package that brings a
/// Microsoft.CodeAnalysis assembly the prune does not cover fails the build, and nothing is copied.
/// </summary>
public sealed class RoslynGuardTests
{
    private static string RepositoryRoot =>
        typeof(RoslynGuardTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    [Fact]
    public async Task Build_WithARoslynAssemblyInTheOutput_FailsNamingTheFile()
    {
        using var project = new TemporaryDirectory();
        var (exitCode, output) = await BuildProbeAsync(project.Path, """<PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="5.0.0" />""");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("error COLLAB0001: Roslyn-free: Microsoft.CodeAnalysis.CSharp.dll would be copied to the output of Probe", output, StringComparison.Ordinal);
        var bin = Path.Combine(project.Path, "bin");
        Assert.Empty(Directory.Exists(bin) ? Directory.GetFiles(bin, "Microsoft.CodeAnalysis*", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Build_WithoutRoslyn_Succeeds()
    {
        using var project = new TemporaryDirectory();
        var (exitCode, output) = await BuildProbeAsync(project.Path, "");

        Assert.True(exitCode == 0, output);
    }

    private static async Task<(int ExitCode, string Output)> BuildProbeAsync(string directory, string packageReference)
    {
        var targets = Path.Combine(RepositoryRoot, "Directory.Build.targets");
        await File.WriteAllTextAsync(Path.Combine(directory, "Probe.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
              </PropertyGroup>
              <ItemGroup>{packageReference}</ItemGroup>
              <Import Project="{targets}" />
            </Project>
            """);
        await File.WriteAllTextAsync(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(1);");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "build", "-nologo", "-v", "q", "-nodeReuse:false" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await error);
    }
}
