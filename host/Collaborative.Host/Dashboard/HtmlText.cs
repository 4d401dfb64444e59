using System.Globalization;

namespace Collaborative.Host.Dashboard;

/// <summary>Numbers, coordinates, path segments and times as the pages write them (Razor HTML-encodes every value).</summary>
internal static class HtmlText
{
    /// <summary>A value as people read it on a board paper: at most two decimals, invariant culture.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate: one decimal is finer than a pixel.</summary>
    public static string C(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A URL path segment (goal ids are programme text too).</summary>
    public static string U(string segment) => Uri.EscapeDataString(segment);

    public static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "never";
}
