using System.Collections.Immutable;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Spc;

/// <summary>
/// The XmR (individuals and moving range) chart as NHS "Making Data Count" reads it. A pure function of
/// the series and the options, so a grain can recompute from its state at any time.
/// </summary>
/// <remarks>
/// Decisions for the edges the guidance leaves open:
/// <list type="bullet">
/// <item><b>Gaps.</b> A missing period is a gap. No moving range is taken across a gap, because it would
/// measure change over two or more periods and inflate mR̄, widening the limits. A gap also breaks
/// shifts, trends and two-of-three windows: "consecutive" means consecutive periods, and we will not
/// claim a special cause from a run we did not see (the missing value might have broken it).</item>
/// <item><b>Baseline.</b> Limits come from the segment's baseline points: by default all of them; for the
/// first segment, the first <see cref="SpcOptions.BaselinePoints"/> at or after
/// <see cref="SpcOptions.BaselineFrom"/>; after a declared change, that change's baseline (default all
/// points since it). Limits stay fixed for the rest of the segment. The rules run over every point of the
/// segment, inside or outside the baseline, so a shift straddling the end of the baseline is one shift.
/// A baseline of fewer than <see cref="MinimumPoints"/> points gives no limits for that segment.</item>
/// <item><b>Changes.</b> Each declared change starts a new segment with its own limits; runs do not
/// continue across a change (the mean they are measured against changed).</item>
/// <item><b>Zero moving range</b> (a constant baseline). Limits and near-limit lines collapse onto the
/// mean. "Outside" is strictly beyond a limit and a point on the mean is on neither side, so a constant
/// series raises nothing; any later point off the mean is then, correctly, outside the limits.</item>
/// <item><b>Boundaries.</b> Outside means strictly above the upper or below the lower limit; a point on a
/// limit is not outside, but is in the near-limit band (the band is inclusive).</item>
/// </list>
/// </remarks>
public static class XmrChart
{
    /// <summary>3 / d2 (d2 = 1.128 for moving ranges of two), as Making Data Count rounds it.</summary>
    public const double LimitFactor = 2.66;

    /// <summary>Two thirds of the way to the limits (two sigma).</summary>
    public const double NearLimitFactor = 2.0 / 3.0 * LimitFactor;

    /// <summary>Fewer points than this: no limits or icons, the run only.</summary>
    public const int MinimumPoints = 13;

    /// <summary>Length of a shift or a trend.</summary>
    public const int RunLength = 7;

    public static ProgressReport Calculate(IReadOnlyList<SeriesPoint> series, SpcOptions options)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        CheckSeries(series);
        var n = series.Count;
        if (n == 0)
        {
            return new ProgressReport
            {
                Direction = options.Direction,
                Target = options.Target,
                NoLimitsReason = "No observations yet.",
                NoAssuranceReason = "No observations yet, so no assurance.",
            };
        }

        var adjacent = new bool[n];
        for (var i = 1; i < n; i++)
        {
            adjacent[i] = series[i - 1].Period.Next() == series[i].Period;
        }

        var signals = new SpcSignals[n];
        var inBaseline = new bool[n];
        var segmentOf = new int[n];
        var segments = ImmutableArray.CreateBuilder<SpcSegment>();
        foreach (var (start, end, change) in SplitSegments(series, options.Recalculations))
        {
            var index = segments.Count;
            for (var i = start; i < end; i++)
            {
                segmentOf[i] = index;
            }

            // The first segment takes the goal's baseline (a change declared before the first point may
            // re-size it); later segments are baselined from the change that started them.
            var (from, count) = index == 0
                ? (options.BaselineFrom, change?.BaselinePeriods ?? options.BaselinePoints)
                : ((Period?)null, change?.BaselinePeriods);
            var segment = Segment(series, adjacent, start, end, index, from, count, change, n, inBaseline);
            segments.Add(segment);
            if (segment.Limits is { } limits)
            {
                ApplyRules(series, adjacent, start, end, limits, signals);
            }
        }

        var points = ImmutableArray.CreateBuilder<ProgressPoint>(n);
        for (var i = 0; i < n; i++)
        {
            points.Add(new ProgressPoint
            {
                Period = series[i].Period,
                Value = series[i].Value,
                MovingRange = adjacent[i] ? Math.Abs(series[i].Value - series[i - 1].Value) : null,
                Segment = segmentOf[i],
                InBaseline = inBaseline[i],
                Signals = signals[i],
                SpecialCause = Classify(signals[i], options.Direction),
            });
        }

        var latestSegment = segments[^1];
        var latestLimits = latestSegment.Limits;
        var noLimitsReason = latestSegment.NoLimitsReason;
        var variation = latestLimits is null ? VariationIcon.None : Variation(points[^1], options.Direction, latestLimits);
        var (assurance, noAssurance) = Assurance(latestLimits, options);
        return new ProgressReport
        {
            Direction = options.Direction,
            Target = options.Target,
            Points = points.MoveToImmutable(),
            Segments = segments.ToImmutable(),
            Limits = latestLimits,
            Variation = variation,
            Assurance = assurance,
            NoLimitsReason = noLimitsReason,
            NoAssuranceReason = noAssurance,
        };
    }

    private static void CheckSeries(IReadOnlyList<SeriesPoint> series)
    {
        for (var i = 0; i < series.Count; i++)
        {
            if (!double.IsFinite(series[i].Value))
            {
                throw new ArgumentException($"The value for {series[i].Period.Label} is not a finite number.", nameof(series));
            }

            if (i > 0 && series[i].Period.Kind != series[0].Period.Kind)
            {
                throw new ArgumentException("A series mixes weekly and monthly periods.", nameof(series));
            }

            if (i > 0 && series[i].Period <= series[i - 1].Period)
            {
                throw new ArgumentException(
                    $"The series must be in period order with one value per period; {series[i].Period.Label} follows {series[i - 1].Period.Label}.",
                    nameof(series));
            }
        }
    }

    /// <summary>Splits the points at each declared change; a change before the first point re-baselines the first segment.</summary>
    private static IEnumerable<(int Start, int End, ProcessChange? Change)> SplitSegments(
        IReadOnlyList<SeriesPoint> series, ImmutableArray<ProcessChange> changes)
    {
        var n = series.Count;
        var start = 0;
        ProcessChange? current = null;
        foreach (var change in changes.OrderBy(c => c.Period))
        {
            var at = FirstAtOrAfter(series, change.Period);
            if (at == start)
            {
                // Nothing observed between the previous change and this one: this change takes over.
                current = change;
                continue;
            }

            yield return (start, at, current);
            start = at;
            current = change;
            if (start == n)
            {
                yield break;
            }
        }

        // A change after the last point takes effect once a point arrives after it.
        if (start < n)
        {
            yield return (start, n, current);
        }
    }

    private static int FirstAtOrAfter(IReadOnlyList<SeriesPoint> series, Period period)
    {
        var i = 0;
        while (i < series.Count && series[i].Period < period)
        {
            i++;
        }

        return i;
    }

    private static SpcSegment Segment(
        IReadOnlyList<SeriesPoint> series, bool[] adjacent, int start, int end, int index,
        Period? baselineFrom, int? baselinePoints, ProcessChange? change, int total, bool[] inBaseline)
    {
        var segment = new SpcSegment
        {
            Index = index,
            From = series[start].Period,
            To = series[end - 1].Period,
            PointCount = end - start,
            ChangeReason = index == 0 ? null : change?.Reason,
        };

        var first = start;
        while (first < end && baselineFrom is { } from && series[first].Period < from)
        {
            first++;
        }

        var last = baselinePoints is { } count ? Math.Min(end, first + count) : end;
        var baselineCount = last - first;
        for (var i = first; i < last; i++)
        {
            inBaseline[i] = true;
        }

        segment = segment with
        {
            BaselineFrom = baselineCount > 0 ? series[first].Period : null,
            BaselineTo = baselineCount > 0 ? series[last - 1].Period : null,
            BaselinePointCount = baselineCount,
        };

        if (total < MinimumPoints)
        {
            return segment with
            {
                NoLimitsReason = $"Only {total} point{(total == 1 ? string.Empty : "s")}: Making Data Count needs at least {MinimumPoints} before limits and icons mean anything, so the run is shown without them.",
            };
        }

        if (baselineCount < MinimumPoints)
        {
            var what = baselineCount == end - start && index > 0
                ? $"Only {baselineCount} point{(baselineCount == 1 ? string.Empty : "s")} since the change in {series[start].Period.Label}"
                : $"The baseline has {baselineCount} point{(baselineCount == 1 ? string.Empty : "s")}";
            return segment with
            {
                NoLimitsReason = $"{what}: limits need at least {MinimumPoints}, so this stretch is shown as a run without limits.",
            };
        }

        double sum = 0, rangeSum = 0;
        var ranges = 0;
        for (var i = first; i < last; i++)
        {
            sum += series[i].Value;
            if (i > first && adjacent[i])
            {
                rangeSum += Math.Abs(series[i].Value - series[i - 1].Value);
                ranges++;
            }
        }

        if (ranges == 0)
        {
            return segment with
            {
                NoLimitsReason = "The baseline has no two consecutive periods, so there is no moving range to set limits from.",
            };
        }

        return segment with { Limits = new ControlLimits(sum / baselineCount, rangeSum / ranges) };
    }

    private static void ApplyRules(IReadOnlyList<SeriesPoint> series, bool[] adjacent, int start, int end, ControlLimits limits, SpcSignals[] signals)
    {
        var mean = limits.Mean;
        int Side(int i) => series[i].Value > mean ? 1 : series[i].Value < mean ? -1 : 0;
        bool Linked(int i) => i > start && adjacent[i];

        // Rule 1: a point strictly beyond a process limit.
        for (var i = start; i < end; i++)
        {
            if (series[i].Value > limits.Upper)
            {
                signals[i] |= SpcSignals.OutsideHigh;
            }
            else if (series[i].Value < limits.Lower)
            {
                signals[i] |= SpcSignals.OutsideLow;
            }
        }

        // Rule 2: 7+ consecutive points on one side; a point on the mean belongs to no side and breaks it.
        FlagRuns(start, end, i => Linked(i) && Side(i) != 0 && Side(i) == Side(i - 1), (from, to) =>
        {
            var side = Side(from);
            if (side != 0)
            {
                Flag(signals, from, to, side > 0 ? SpcSignals.ShiftHigh : SpcSignals.ShiftLow);
            }
        });

        // Rule 3: 7+ consecutive points each strictly higher (lower) than the one before; a tie breaks it.
        FlagRuns(start, end, i => Linked(i) && series[i].Value > series[i - 1].Value,
            (from, to) => Flag(signals, from, to, SpcSignals.TrendUp));
        FlagRuns(start, end, i => Linked(i) && series[i].Value < series[i - 1].Value,
            (from, to) => Flag(signals, from, to, SpcSignals.TrendDown));

        // Rule 4 (November 2023): of three consecutive points all on one side of the mean, two or three in
        // or beyond the near-limit band; only those in or beyond the band are flagged.
        for (var i = start + 2; i < end; i++)
        {
            if (!Linked(i - 1) || !Linked(i))
            {
                continue;
            }

            var side = Side(i - 2);
            if (side == 0 || Side(i - 1) != side || Side(i) != side)
            {
                continue;
            }

            bool Near(int j) => side > 0 ? series[j].Value >= limits.UpperNear : series[j].Value <= limits.LowerNear;
            var near = (Near(i - 2) ? 1 : 0) + (Near(i - 1) ? 1 : 0) + (Near(i) ? 1 : 0);
            if (near < 2)
            {
                continue;
            }

            var flag = side > 0 ? SpcSignals.TwoOfThreeHigh : SpcSignals.TwoOfThreeLow;
            for (var j = i - 2; j <= i; j++)
            {
                if (Near(j))
                {
                    signals[j] |= flag;
                }
            }
        }
    }

    /// <summary>Finds maximal runs where each point continues the previous one and reports those of <see cref="RunLength"/> or more.</summary>
    private static void FlagRuns(int start, int end, Func<int, bool> continues, Action<int, int> flag)
    {
        var runStart = start;
        for (var i = start + 1; i <= end; i++)
        {
            if (i < end && continues(i))
            {
                continue;
            }

            if (i - runStart >= RunLength)
            {
                flag(runStart, i);
            }

            runStart = i;
        }
    }

    private static void Flag(SpcSignals[] signals, int from, int to, SpcSignals flag)
    {
        for (var i = from; i < to; i++)
        {
            signals[i] |= flag;
        }
    }

    private static SpecialCause Classify(SpcSignals signals, ImprovementDirection direction)
    {
        var high = (signals & SpcSignals.High) != 0;
        var low = (signals & SpcSignals.Low) != 0;
        if (!high && !low)
        {
            return SpecialCause.None;
        }

        return direction switch
        {
            ImprovementDirection.Higher => (high ? SpecialCause.Improvement : 0) | (low ? SpecialCause.Concern : 0),
            ImprovementDirection.Lower => (low ? SpecialCause.Improvement : 0) | (high ? SpecialCause.Concern : 0),
            _ => SpecialCause.Neutral,
        };
    }

    private static VariationIcon Variation(ProgressPoint latest, ImprovementDirection direction, ControlLimits limits)
    {
        var cause = latest.SpecialCause;

        // Making Data Count: when improvement and concern both fire on the latest point, show improvement.
        if (cause.HasFlag(SpecialCause.Improvement))
        {
            return direction == ImprovementDirection.Higher ? VariationIcon.ImprovementHigh : VariationIcon.ImprovementLow;
        }

        if (cause.HasFlag(SpecialCause.Concern))
        {
            return direction == ImprovementDirection.Higher ? VariationIcon.ConcernLow : VariationIcon.ConcernHigh;
        }

        if (cause.HasFlag(SpecialCause.Neutral))
        {
            var high = (latest.Signals & SpcSignals.High) != 0;
            var low = (latest.Signals & SpcSignals.Low) != 0;

            // Both sides only happens with a trend against the side of the mean; the side the point sits on wins.
            return high && (!low || latest.Value > limits.Mean) ? VariationIcon.NeutralHigh : VariationIcon.NeutralLow;
        }

        return VariationIcon.CommonCause;
    }

    private static (AssuranceIcon Icon, string? Reason) Assurance(ControlLimits? limits, SpcOptions options)
    {
        if (options.Target is not { } target)
        {
            return (AssuranceIcon.None, "No target, so no assurance.");
        }

        if (options.Direction == ImprovementDirection.None)
        {
            return (AssuranceIcon.None, "No improvement direction, so no assurance.");
        }

        if (limits is null)
        {
            return (AssuranceIcon.None, "No process limits yet, so no assurance.");
        }

        // Higher is better: a target at or below the lower limit is met by every point the process will
        // produce; at or above the upper limit, by none. The pass test goes first so that a collapsed
        // (zero-range) process sitting exactly on its target counts as passing.
        if (options.Direction == ImprovementDirection.Higher)
        {
            return (target <= limits.Lower ? AssuranceIcon.Pass
                : target >= limits.Upper ? AssuranceIcon.Fail
                : AssuranceIcon.HitAndMiss, null);
        }

        return (target >= limits.Upper ? AssuranceIcon.Pass
            : target <= limits.Lower ? AssuranceIcon.Fail
            : AssuranceIcon.HitAndMiss, null);
    }
}
