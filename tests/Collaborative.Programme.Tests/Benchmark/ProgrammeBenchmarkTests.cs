using Xunit.Abstractions;

namespace Collaborative.Programme.Tests.Benchmark;

public sealed class ProgrammeBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Benchmark_ThousandGoalsByHundredTwentyPeriods_RunsAndReportsATable()
    {
        var table = ProgrammeBenchmark.Run();
        output.WriteLine(table);

        Assert.Contains("| progress of all goals (XmR + rules + icons) |", table);
        Assert.Contains("1,000 goals × 120 periods (120,000 observations)", table);
    }
}
