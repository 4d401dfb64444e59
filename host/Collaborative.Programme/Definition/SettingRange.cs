using System.Globalization;

namespace Collaborative.Programme.Definition;

/// <summary>The closed range a numeric setting of a programme must lie in; a refusal quotes it.</summary>
public sealed record SettingRange(double Minimum, double Maximum)
{
    public bool Contains(double value) => value >= Minimum && value <= Maximum;

    /// <summary>What a refusal of <paramref name="value"/> for <paramref name="field"/> says.</summary>
    public string Refusal(string field, double value) =>
        string.Create(CultureInfo.InvariantCulture, $"'{field}' must be from {Minimum:#,0.##} to {Maximum:#,0.##}, not {value:#,0.##}");
}
