using System.Globalization;
using Collaborative.Contracts.V1;

namespace Collaborative.Dashboard.Components.Tests;

/// <summary>Goal progress as the host maps it, built by hand: 15 months, the last a special cause improvement above the limits.</summary>
internal static class Samples
{
    public const string Improvement = "#00b0f0";
    public const string Concern = "#e46c0a";
    public const string Neutral = "#490092";
    public const string CommonCause = "#a6a6a6";

    public static readonly double[] Values = [48, 52, 50, 51, 49, 53, 47, 50, 52, 48, 51, 49, 50, 51, 62];

    public static string Month(int index) => new DateOnly(2024, 1, 1).AddMonths(index).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static GoalProgress Progress(string goalId = "reviews", string measureName = "Reviews completed", VariationIcon variation = VariationIcon.VariationImprovementHigh, AssuranceIcon assurance = AssuranceIcon.AssuranceHitAndMiss)
    {
        var progress = new GoalProgress
        {
            GoalId = goalId,
            Title = "More medication reviews",
            MeasureId = "m." + goalId,
            MeasureName = measureName,
            Unit = "reviews",
            Improvement = "higher",
            Target = 55,
            Variation = variation,
            Assurance = assurance,
            LatestValue = Values[^1],
            LatestPeriod = Month(Values.Length - 1),
            LatestMeetsTarget = true,
            ObservationSequence = Values.Length,
        };
        progress.Segments.Add(new SpcSegment
        {
            Index = 0,
            FromPeriod = Month(0),
            ToPeriod = Month(Values.Length - 1),
            PointCount = Values.Length,
            BaselineFrom = Month(0),
            BaselineTo = Month(12),
            BaselinePointCount = 13,
            HasLimits = true,
            Mean = 50,
            UpperLimit = 57.54,
            LowerLimit = 42.46,
        });
        for (var i = 0; i < Values.Length; i++)
        {
            var point = new ProgressPoint { Period = Month(i), Value = Values[i], Segment = 0, InBaseline = i < 13 };
            if (i > 0)
            {
                point.MovingRange = Math.Abs(Values[i] - Values[i - 1]);
            }

            if (i == Values.Length - 1)
            {
                point.Signals.Add("outside-high");
                point.Improvement = true;
            }

            progress.Points.Add(point);
        }

        return progress;
    }

    public static GoalView Goal(string id = "reviews", string title = "More medication reviews") => new()
    {
        Id = id,
        Title = title,
        AimWhat = "Review every patient on opioids",
        AimHowMuch = "55 a month",
        AimByWhen = "2025-06",
        MeasureId = "m." + id,
        Improvement = "higher",
        Target = 55,
    };
}
