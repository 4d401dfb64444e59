
namespace Collaborative.Benchmarks;

/// <summary>What benchmarks that start real processes share: where things are built, how busy the machine is, a free port.</summary>
internal static class BenchSupport
{
    public static string Root { get; } = FindRoot();

    /// <summary>A project's built output (Release when built so, else Debug as tests and `dotnet run` build it), or null when not built.</summary>
    public static string? Built(string projectDirectory, string fileName) =>
        new[] { "Release", "Debug" }.Select(c => Path.Combine(projectDirectory, "bin", c, "net10.0", fileName)).FirstOrDefault(File.Exists);

    /// <summary>A markdown table whose first row is the baseline, every row with its ratio to it.</summary>
    public static void PrintRatioTable(string what, string unit, string versus, string format, params (string Row, double Value)[] rows)
    {
        Console.WriteLine($"| {what} | {unit} | vs {versus} |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (row, value) in rows)
        {
            Console.WriteLine($"| {row} | {value.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} | {value / rows[0].Value:0.00} |");
        }

        Console.WriteLine();
    }

    /// <summary>The last line a subcommand prints: <c>name=value</c> pairs, separated by spaces, for scripts to read.</summary>
    public static void PrintPairs(IEnumerable<(string Name, double Value)> pairs) =>
        Console.WriteLine(string.Join(' ', pairs.Select(p => $"{p.Name}={Format(p.Value)}")));

    private static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 1 ? "0.00" : "0.000", System.Globalization.CultureInfo.InvariantCulture);

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

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
