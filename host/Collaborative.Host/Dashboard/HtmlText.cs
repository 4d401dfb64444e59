using System.Globalization;
using System.Net;

namespace Collaborative.Host.Dashboard;

/// <summary>Text into HTML: every programme or user string goes through <see cref="E"/>, numbers through <see cref="N"/>.</summary>
internal static class HtmlText
{
    /// <summary>HTML-encodes text for element content and double-quoted attributes (&lt; &gt; &amp; " ').</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A value as people read it on a board paper: at most two decimals, invariant culture.</summary>
    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate: one decimal is finer than a pixel.</summary>
    public static string C(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>A URL path segment (goal ids are programme text too).</summary>
    public static string U(string segment) => Uri.EscapeDataString(segment);

    public static string When(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "never";
}
