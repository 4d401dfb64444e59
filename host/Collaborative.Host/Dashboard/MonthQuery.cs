using Collaborative.Programme.Periods;

namespace Collaborative.Host.Dashboard;

/// <summary>The <c>?month=YYYY-MM</c> of the team progress and audit pages, read once for both.</summary>
internal static class MonthQuery
{
    /// <summary>The month asked for, <paramref name="otherwise"/> when none was; the error names the parameter.</summary>
    public static bool TryRead(string? text, Period otherwise, out Period month, out string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            (month, error) = (otherwise, null);
            return true;
        }

        if (Period.TryParse(text, PeriodKind.Month, out month, out var why))
        {
            error = null;
            return true;
        }

        error = $"{DashboardPaths.MonthQuery}: {why}";
        return false;
    }
}
