using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Progress;
using Collaborative.Programme.Spc;

namespace Collaborative.Benchmarks.Programme;

/// <summary>
/// Progress and alignment for a programme of 1,000 goals × 120 monthly periods (one measure per goal,
/// 120,000 observations). Stopwatch timing, best and median of several runs after a warm-up: the
/// question is "well under a second?", which does not need BenchmarkDotNet's statistics.
/// </summary>
public static class ProgrammeBenchmark
{
    private const int Runs = 7;

    public static readonly DateOnly AsOf = new(2025, 11, 20);

    /// <summary>Subcommand <c>programme [--goals 1000] [--periods 120]</c>.</summary>
    public static Task<int> RunAsync(string[] args)
    {
        var options = new Options(args);
        Console.WriteLine(Run(options.Int("goals", 1000), options.Int("periods", 120)));
        return Task.FromResult(0);
    }

    public static string Run(int goals = 1000, int periods = 120)
    {
        var programme = BuildProgramme(goals);
        var observations = BuildObservations(programme, periods);

        // Building the ledger is what a measure grain does on activation (and the host for an alignment check).
        ObservationLedger.From(observations);
        var ingestTimes = new List<double>();
        ObservationLedger ledger = ObservationLedger.Empty;
        for (var i = 0; i < 3; i++)
        {
            ingestTimes.Add(Time(() => ObservationLedger.From(observations), out ledger));
        }

        ImmutableArray<GoalProgress> progress = default;
        AlignmentSummary? summary = null;

        // Warm-up: JIT and tiered compilation, so the runs measure the steady state a host would see.
        ProgrammeProgress.Calculate(programme, ledger);
        AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ledger, AsOf));

        var progressTimes = new List<double>();
        var alignmentTimes = new List<double>();
        var bothTimes = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            progressTimes.Add(Time(() => ProgrammeProgress.Calculate(programme, ledger), out progress));
            alignmentTimes.Add(Time(() => AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ledger, AsOf, progress: progress)), out summary));
            bothTimes.Add(Time(() => AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ledger, AsOf)), out _));
        }

        var medianProgress = Median(progressTimes);
        var medianBoth = Median(bothTimes);
        var special = progress.Count(p => p.Report.Variation is not (VariationIcon.CommonCause or VariationIcon.None));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Programme benchmark: {goals:N0} goals × {periods} periods ({observations.Length:N0} observations), {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        text.AppendLine();
        text.AppendLine("| step | best (ms) | median (ms) | goals/s (median) |");
        text.AppendLine("|---|---:|---:|---:|");
        Row(text, goals, $"build the ledger from {observations.Length:N0} observations", ingestTimes);
        Row(text, goals, "progress of all goals (XmR + rules + icons)", progressTimes);
        Row(text, goals, "alignment, progress supplied (13 rules + summary)", alignmentTimes);
        Row(text, goals, "progress + alignment from the snapshot", bothTimes);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Goals with special cause on the latest point: {special}; findings: {summary!.Findings.Length} ({summary.Errors} errors, {summary.Warnings} warnings, {summary.Infos} info). Progress + alignment: {medianBoth:F1} ms median ({goals / (medianBoth / 1000):N0} goals/s); progress alone {medianProgress:F1} ms.");
        return text.ToString();
    }

    /// <summary>A programme of the given size: 50 partners, 20 communities, one measure per goal; every fifth goal missing something the rules report.</summary>
    public static ProgrammeDefinition BuildProgramme(int goals)
    {
        var partners = Enumerable.Range(0, 50).Select(p => new PartnerOrganisation
        {
            Id = $"partner-{p}",
            Name = $"Partner {p}",
            Kind = (PartnerKind)(p % 10),
            Services =
            [
                new() { Id = "clinical", Name = "Clinical service", Side = ServiceSide.Clinical },
                new() { Id = "information", Name = "Information", Side = ServiceSide.CorporateSupport },
            ],
        }).ToImmutableArray();
        var communities = Enumerable.Range(0, 20).Select(c => new ClinicalCommunity
        {
            Id = $"community-{c}",
            Name = $"Community {c}",
            Members = [$"partner-{c}", $"partner-{c + 20}"],
        }).ToImmutableArray();
        var measures = Enumerable.Range(0, goals).Select(g => new Measure
        {
            Id = $"measure-{g}",
            Name = $"Measure {g}",
            Unit = "percent",
            Definition = "Synthetic",
            Period = PeriodKind.Month,
            Improvement = g % 2 == 0 ? ImprovementDirection.Higher : ImprovementDirection.Lower,
            Module = $"module-{g % 10}",
        }).ToImmutableArray();
        var sharedGoals = Enumerable.Range(0, goals).Select(g => new SharedGoal
        {
            Id = $"goal-{g}",
            Title = $"Goal {g}",
            Aim = new AimStatement { What = "Improve", ByWhen = g % 5 == 1 ? null : new DateOnly(2026, 3, 31) },
            Measure = $"measure-{g}",
            Baseline = new GoalBaseline { Value = 50, Periods = 24 },
            Target = 55,
            CoOwners = g % 5 == 2 ? [$"partner-{g % 50}"] : [$"partner-{g % 50}", $"partner-{(g + 1) % 50}"],
            ExecutiveSponsor = new Leader { Name = "Sponsor", Partner = $"partner-{g % 50}" },
            ClinicalLead = g % 5 == 3 ? null : new Leader { Name = "Lead", Partner = $"partner-{(g + 1) % 50}" },
            LivedExperience = g % 5 == 4 ? [] : ["Patient partners"],
            Communities = [$"community-{g % 20}"],
            Team = [new($"partner-{g % 50}", "clinical"), new($"partner-{(g + 1) % 50}", "information")],
            Changes = g % 7 == 0 ? [new ProcessChange { Period = Period.Month(2022, 1), Reason = "Re-baselined" }] : [],
        }).ToImmutableArray();
        return ProgrammeValidator.EnsureValid(new ProgrammeDefinition
        {
            Id = "benchmark",
            Name = "Benchmark programme",
            SharedPurpose = "Measure how fast progress and alignment are computed",
            Partners = partners,
            Communities = communities,
            Measures = measures,
            Goals = sharedGoals,
            AlignmentRules = [new AlignmentRuleSetting { RuleId = "programme.too-many-goals", Parameters = ImmutableDictionary<string, int>.Empty.Add("max_goals", 12) }],
        });
    }

    /// <summary>Seeded noise around 50, with a step up after period 80 for every third measure (so some special causes).</summary>
    public static ImmutableArray<MeasureObservation> BuildObservations(ProgrammeDefinition programme, int periods)
    {
        var random = new Random(42);
        var last = Period.Containing(AsOf, PeriodKind.Month).Previous();
        var first = last.Plus(-(periods - 1));
        var observations = ImmutableArray.CreateBuilder<MeasureObservation>(programme.Measures.Length * periods);
        for (var m = 0; m < programme.Measures.Length; m++)
        {
            var measure = programme.Measures[m];
            for (var t = 0; t < periods; t++)
            {
                var level = m % 3 == 0 && t > 80 ? 56 : 50;
                observations.Add(new MeasureObservation
                {
                    Id = $"{measure.Id}:{t}",
                    MeasureId = measure.Id,
                    Period = first.Plus(t),
                    Value = Math.Round(level + ((random.NextDouble() - 0.5) * 8), 1),
                });
            }
        }

        return observations.MoveToImmutable();
    }

    private static double Time<T>(Func<T> action, out T result)
    {
        var watch = Stopwatch.StartNew();
        result = action();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static void Row(StringBuilder text, int goals, string step, List<double> times) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {step} | {times.Min():F1} | {Median(times):F1} | {goals / (Median(times) / 1000):N0} |");
}
