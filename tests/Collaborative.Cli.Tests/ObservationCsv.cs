using System.Globalization;
using System.Text;

namespace Collaborative.Cli.Tests;

/// <summary>Observation files for `collab import`, and the e2e programme's series.</summary>
internal static class ObservationCsv
{
    public const string Measure = "opioid.high-dose";

    // 13 baseline months around 60 (limits 52.46 to 67.54, as in the host's end-to-end tests), then 8
    // months at 45: below the lower limit and a shift below the mean; lower is better.
    public static readonly double[] Baseline = [58, 62, 60, 61, 59, 63, 57, 60, 62, 58, 61, 59, 60];
    public static readonly double[] Improved = [45, 45, 45, 45, 45, 45, 45, 45];

    public static string Series(IEnumerable<double> values, string idPrefix = "obs")
    {
        var csv = new StringBuilder("id,measure_id,period,value\n");
        var month = new DateOnly(2025, 1, 1);
        var i = 0;
        foreach (var value in values)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{idPrefix}-{i},{Measure},{month.AddMonths(i):yyyy-MM},{value}\n");
            i++;
        }

        return csv.ToString();
    }

    public static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
