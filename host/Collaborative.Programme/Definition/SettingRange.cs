using System.Globalization;

namespace Collaborative.Programme.Definition;

/// <summary>The closed range a numeric setting of a programme must lie in; a refusal quotes it.</summary>
public sealed record SettingRange(double Minimum, double Maximum)
{
    public bool Contains(double value) => value >= Minimum && value <= Maximum;

    /// <summary>What a refusal of <paramref name="value"/> for <paramref name="field"/> says.</summary>
    public string Refusal(string field, double value) =>
        $"'{field}' must be from {Written(Minimum)} to {Written(Maximum)}, not {Written(value)}";

    /// <summary>Digits grouped as people read them; a number too long for that in exponent form.</summary>
    private static string Written(double value) =>
        value.ToString(Math.Abs(value) < 1e15 ? "#,0.##" : "G6", CultureInfo.InvariantCulture);
}
