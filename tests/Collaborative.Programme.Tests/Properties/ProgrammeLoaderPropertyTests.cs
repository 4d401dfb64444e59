using Collaborative.Programme.Alignment;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Collaborative.Programme.Observations;
using Collaborative.Programme.Progress;
using Collaborative.Programme.Tests.Definition;
using FsCheck;
using FsCheck.Fluent;

namespace Collaborative.Programme.Tests.Properties;

/// <summary>
/// Whatever text arrives as a programme: the loader returns a programme that checks and charts without
/// failing, or refuses it with every error placed (file, line, column); it never throws anything else
/// and never takes more than two seconds.
/// </summary>
public sealed class ProgrammeLoaderPropertyTests
{
    private static readonly string[] YamlPieces =
    [
        "id: ", "name: ", "shared_purpose: ", "  - ", "    ", "baseline: { value: ", "periods: ", "target: ",
        "measure.stale-data: { periods: ", "programme.too-many-goals: { max_goals: ", "by_when: ", "from: ", "period: ",
        "driver_diagram: ", "reviewed: ", "primary_drivers: ", "change_ideas: ", "owners: ",
        "change-idea.no-recent-pdsa: { months: ",
        "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n", "? *a0\n: x\n", "[[[[[[[[[[[[[[[[", "]]]]]]]]]]]]]]]]",
    ];

    [Fact]
    public void GeneratedText_IsLoadedOrRefusedWithPositions_InTime()
    {
        HostileText.Check(Prop.ForAll(HostileText.Strung(YamlPieces).ToArbitrary(), LoadsOrIsRefusedWithPositions), tests: 400);
    }

    [Fact]
    public void MutatedMiniProgramme_IsLoadedOrRefusedWithPositions_InTime()
    {
        var seed = MiniProgramme.Plus(
            "    changes:",
            "      - { period: 2025-04, reason: Clinic opened, baseline_periods: 13 }",
            "    driver_diagram:",
            "      reviewed: 2025-09-01",
            "      primary_drivers:",
            "        - id: safer-prescribing",
            "          title: Safer prescribing",
            "          secondary_drivers:",
            "            - id: tapering",
            "              title: Tapering reviews",
            "              change_ideas:",
            "                - { id: taper-clinic, title: Tapering clinic, measure: opioid-rx, owners: [gp] }",
            "alignment:",
            "  rules:",
            "    measure.stale-data: { periods: 3 }",
            "    change-idea.no-recent-pdsa: { months: 2 }",
            "    programme.too-many-goals: { max_goals: 4 }");
        HostileText.Check(Prop.ForAll(HostileText.Mutated(seed, YamlPieces).ToArbitrary(), LoadsOrIsRefusedWithPositions), tests: 400);
    }

    [Fact]
    public void MutatedSampleProgramme_IsLoadedOrRefusedWithPositions_InTime()
    {
        HostileText.Check(Prop.ForAll(HostileText.Mutated(DefaultProgramme.Yaml(), YamlPieces).ToArbitrary(), LoadsOrIsRefusedWithPositions), tests: 150);
    }

    [Fact]
    public void EveryNumericSetting_AtAnyValue_IsLoadedOrRefusedWithPositions_InTime()
    {
        var number = Gen.OneOf(
            Gen.Elements(HostileText.Numbers),
            Gen.Choose(int.MinValue, int.MaxValue).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Choose(-600, 1200).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var programmes =
            from value in number
            from periods in number
            from target in number
            from changePeriods in number
            from stale in number
            from maxGoals in number
            select MiniProgramme.With((28, $"    baseline: {{ value: {value}, periods: {periods} }}"), (29, $"    target: {target}")) + string.Join("\n",
                "    changes:",
                $"      - {{ period: 2025-04, baseline_periods: {changePeriods} }}",
                "alignment:",
                "  rules:",
                $"    measure.stale-data: {{ periods: {stale} }}",
                $"    programme.too-many-goals: {{ max_goals: {maxGoals} }}") + "\n";
        HostileText.Check(Prop.ForAll(programmes.ToArbitrary(), LoadsOrIsRefusedWithPositions), tests: 300);
    }

    [Fact]
    public void DeepNestingAndAliasFanOut_AreRefusedWithPositions_InTime()
    {
        var shapes =
            from depth in Gen.Choose(1, 20_000)
            from levels in Gen.Choose(1, 12)
            from fanOut in Gen.Choose(1, 12)
            from asKey in Gen.Elements(true, false)
            select depth % 2 == 0
                ? "id: " + new string('[', depth) + "x" + new string(']', depth)
                : Bomb(levels, fanOut, asKey);
        HostileText.Check(Prop.ForAll(shapes.ToArbitrary(), LoadsOrIsRefusedWithPositions), tests: 60);
    }

    private static string Bomb(int levels, int fanOut, bool asKey)
    {
        var lines = new List<string> { "a0: &a0 [" + string.Join(", ", Enumerable.Repeat("x", fanOut)) + "]" };
        for (var n = 1; n < levels; n++)
        {
            lines.Add($"a{n}: &a{n} [" + string.Join(", ", Enumerable.Repeat($"*a{n - 1}", fanOut)) + "]");
        }

        lines.Add(asKey ? $"? *a{levels - 1}\n: x" : $"name: *a{levels - 1}");
        return string.Join("\n", lines) + "\n";
    }

    private static Property LoadsOrIsRefusedWithPositions(string yaml)
    {
        if (!HostileText.FinishesInTime(() => CheckedAndCharted(yaml), out _, out var thrown))
        {
            return false.Label($"took more than {HostileText.PerInput.TotalSeconds} s");
        }

        return thrown switch
        {
            null => true.ToProperty(),
            ProgrammeDefinitionException refused => refused.Errors.All(e => e.File == "fuzz.yaml" && e.Line >= 1 && e.Column >= 1)
                .Label("every refusal has file, line and column: " + refused.Message),
            _ => false.Label($"threw {thrown.GetType().Name}: {thrown.Message}"),
        };
    }

    /// <summary>An accepted programme must also survive what every verb then does with it.</summary>
    private static int CheckedAndCharted(string yaml)
    {
        var programme = YamlProgrammeLoader.Load(yaml, "fuzz.yaml");
        var progress = ProgrammeProgress.Calculate(programme, ObservationLedger.Empty);
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ObservationLedger.Empty, new DateOnly(2026, 11, 30), method: MethodSnapshot.Empty));
        return progress.Length + summary.Findings.Length;
    }
}
