using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Defaults;

/// <summary>
/// Generates the default programme's history from the published figures: a seeded random walk around
/// each measure's story (a fall in hospital deaths, a growing register, a steady Gold Line, coaches
/// drifting away), so the first run shows special-cause improvement, a concern and common cause. The
/// values depend only on the seed; the day only decides which calendar periods they fall in.
/// </summary>
internal static class DefaultProgrammeHistory
{
    private const int Months = 36;
    private const int Weeks = 156;

    /// <summary>
    /// How each measure's value moves over its history: <c>t</c> is the index from the oldest period.
    /// Noise is added afterwards. Gaps are periods with no observation (a data outage, a channel closed).
    /// </summary>
    private sealed record Story(Func<int, double> Level, double Noise, int Decimals, Func<int, bool>? Missing = null,
        Func<int, Random, double>? Denominator = null);

    private static readonly Dictionary<string, Story> Stories = new(StringComparer.Ordinal)
    {
        // About 20% of register deaths in hospital before the work; after month 15 the share falls to the
        // ICS's reported 13% over a year and stays there (nationally it is 58%). About 75 deaths a month.
        ["eol.died-in-hospital"] = new(t => t < 15 ? 20 : t < 27 ? 20 - (7 * (t - 15) / 12.0) : 13, 1.6, 1,
            Denominator: (_, random) => Math.Round(75 + (Gaussian(random) * 6))),

        // The register grows from about 700 to the caseload of about 950 the programme reported.
        ["eol.register-size"] = new(t => t < 15 ? 700 : t < 30 ? 700 + (250 * (t - 15) / 15.0) : 950, 14, 0),

        // Wishes recorded: steady around 76%, well short of the 90% target: common cause, failing.
        ["eol.preferred-place-recorded"] = new(_ => 76, 2.5, 1, Denominator: (t, _) => t < 15 ? 700 : Math.Min(950, 700 + (250 * (t - 15) / 15.0))),

        // About 500 calls a month, hit and miss against the target; one month's extract was lost.
        ["goldline.calls"] = new(_ => 485, 22, 0, Missing: t => t == 20),

        // Admissions avoided: steady, but the feed stopped three months ago (a data channel that closed).
        ["goldline.admissions-avoided"] = new(_ => 47, 5, 0, Missing: t => t >= Months - 3),

        // Video calls each week: a modest, steady use of the lent iPads.
        ["goldline.video-calls"] = new(_ => 12, 3, 0),

        // 62% of trained coaches still coaching; eight months ago a cohort moved roles and it fell to ~55%.
        ["academy.coaches-active-share"] = new(t => t < Months - 8 ? 63 : 55, 1.8, 1,
            Denominator: (t, _) => t < 9 ? 42 : t < 18 ? 63 : 84),

        // Patients always treated with dignity: 82% before dignity in practice, rising to the 90.5% reported.
        ["dignity.always-treated-with-dignity"] = new(t => t < 15 ? 82 : t < 27 ? 82 + (8.5 * (t - 15) / 12.0) : 90.5, 1.5, 1,
            Denominator: (_, random) => Math.Round(120 + (Gaussian(random) * 10))),

        // Coached teams meeting regularly: comfortably above the 65% target, consistently passing.
        ["coaching.teams-meeting"] = new(_ => 80, 2.5, 1, Denominator: (t, _) => 60 + Math.Min(47, t * 2)),
    };

    public static ImmutableArray<MeasureObservation> Generate(ProgrammeDefinition programme, DateOnly asOf, int seed)
    {
        var observations = ImmutableArray.CreateBuilder<MeasureObservation>();
        foreach (var measure in programme.Measures)
        {
            if (!Stories.TryGetValue(measure.Id, out var story))
            {
                continue;
            }

            // One generator per measure, seeded from the seed and the measure's position, so adding a
            // measure's story never changes another's numbers.
            var random = new Random(seed + (31 * programme.Measures.IndexOf(measure)));
            var count = measure.Period == PeriodKind.Month ? Months : Weeks;
            var last = Period.Containing(asOf, measure.Period).Previous();
            var first = last.Plus(-(count - 1));
            for (var t = 0; t < count; t++)
            {
                var noise = Gaussian(random) * story.Noise;
                var denominator = story.Denominator?.Invoke(t, random);
                if (story.Missing?.Invoke(t) == true)
                {
                    continue;
                }

                var period = first.Plus(t);
                var value = Math.Max(0, story.Level(t) + noise);
                double? numerator = null;
                if (denominator is { } d && measure.Unit == "percent")
                {
                    // Report the count behind the percentage, and the percentage that count gives.
                    numerator = Math.Round(Math.Clamp(value, 0, 100) / 100 * d);
                    value = Math.Round(100 * numerator.Value / d, story.Decimals);
                }
                else
                {
                    value = Math.Round(value, story.Decimals);
                    denominator = null;
                }

                observations.Add(new MeasureObservation
                {
                    Id = $"default-history:{measure.Id}:{period}",
                    MeasureId = measure.Id,
                    Period = period,
                    Value = value,
                    Numerator = numerator,
                    Denominator = denominator,
                    Source = measure.Module ?? "default-history",
                });
            }
        }

        return observations.ToImmutable();
    }

    /// <summary>Standard normal by Box-Muller; System.Random with a seed is stable across runtimes.</summary>
    private static double Gaussian(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
