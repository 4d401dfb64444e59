using System.Globalization;

namespace Collaborative.Host.Cli;

/// <summary>Numbers as the CLI prints them: invariant culture, at most two decimals for people.</summary>
internal static class Numbers
{
    public static string Show(double value, string unit = "") =>
        value.ToString("0.##", CultureInfo.InvariantCulture) + (unit is "percent" or "%" ? "%" : "");

    /// <summary>Round-trippable, for CSV and JSON.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
