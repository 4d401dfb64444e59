using System.Globalization;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Spc;
using Google.Protobuf.WellKnownTypes;
using Domain = Collaborative.Programme.Progress;

namespace Collaborative.Programme.Progress;

/// <summary>
/// A goal's Making Data Count progress as host.proto's GoalProgress: one home, so the shared goal grain
/// (which computes it) and every surface that shows it say the same.
/// </summary>
public static class GoalProgressContract
{
    public static Contracts.V1.GoalProgress ToContract(SharedGoal goal, Measure measure, Domain.GoalProgress progress, long observationSequence, DateTimeOffset computedAt)
    {
        var report = progress.Report;
        var view = new Contracts.V1.GoalProgress
        {
            GoalId = goal.Id,
            Title = goal.Title,
            MeasureId = measure.Id,
            MeasureName = measure.Name,
            Unit = measure.Unit,
            Improvement = Words(report.Direction),
            TargetDate = progress.TargetDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            Variation = (Contracts.V1.VariationIcon)(int)report.Variation,
            Assurance = (Contracts.V1.AssuranceIcon)(int)report.Assurance,
            NoLimitsReason = report.NoLimitsReason ?? "",
            NoAssuranceReason = report.NoAssuranceReason ?? "",
            LatestPeriod = report.Latest?.Period.Label ?? "",
            ObservationSequence = observationSequence,
            ComputedAt = Timestamp.FromDateTimeOffset(computedAt),
        };
        if (progress.Target is { } target)
        {
            view.Target = target;
        }

        if (progress.LatestValue is { } latest)
        {
            view.LatestValue = latest;
        }

        if (progress.LatestMeetsTarget is { } meets)
        {
            view.LatestMeetsTarget = meets;
        }

        view.CoOwners.AddRange(goal.CoOwners);
        foreach (var point in report.Points)
        {
            var pv = new Contracts.V1.ProgressPoint
            {
                Period = point.Period.Label,
                Value = point.Value,
                Segment = point.Segment,
                InBaseline = point.InBaseline,
                Improvement = point.SpecialCause.HasFlag(SpecialCause.Improvement),
                Concern = point.SpecialCause.HasFlag(SpecialCause.Concern),
                Neutral = point.SpecialCause.HasFlag(SpecialCause.Neutral),
            };
            if (point.MovingRange is { } mr)
            {
                pv.MovingRange = mr;
            }

            pv.Signals.AddRange(SignalWords(point.Signals));
            view.Points.Add(pv);
        }

        foreach (var segment in report.Segments)
        {
            var sv = new Contracts.V1.SpcSegment
            {
                Index = segment.Index,
                FromPeriod = segment.From.Label,
                ToPeriod = segment.To.Label,
                PointCount = segment.PointCount,
                BaselineFrom = segment.BaselineFrom?.Label ?? "",
                BaselineTo = segment.BaselineTo?.Label ?? "",
                BaselinePointCount = segment.BaselinePointCount,
                HasLimits = segment.Limits is not null,
                NoLimitsReason = segment.NoLimitsReason ?? "",
                ChangeReason = segment.ChangeReason ?? "",
            };
            if (segment.Limits is { } limits)
            {
                sv.Mean = limits.Mean;
                sv.UpperLimit = limits.Upper;
                sv.LowerLimit = limits.Lower;
                sv.UpperNear = limits.UpperNear;
                sv.LowerNear = limits.LowerNear;
            }

            view.Segments.Add(sv);
        }

        return view;
    }

    public static string Words(ImprovementDirection direction) => direction switch
    {
        ImprovementDirection.Higher => "higher",
        ImprovementDirection.Lower => "lower",
        _ => "none",
    };

    private static IEnumerable<string> SignalWords(SpcSignals signals)
    {
        (SpcSignals Flag, string Word)[] words =
        [
            (SpcSignals.OutsideHigh, "outside-high"), (SpcSignals.OutsideLow, "outside-low"),
            (SpcSignals.ShiftHigh, "shift-high"), (SpcSignals.ShiftLow, "shift-low"),
            (SpcSignals.TrendUp, "trend-up"), (SpcSignals.TrendDown, "trend-down"),
            (SpcSignals.TwoOfThreeHigh, "two-of-three-high"), (SpcSignals.TwoOfThreeLow, "two-of-three-low"),
        ];
        return words.Where(w => signals.HasFlag(w.Flag)).Select(w => w.Word);
    }
}
