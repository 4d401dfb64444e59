using Collaborative.Programme.Alignment;
using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Progress;
using Collaborative.Programme.Spc;

namespace Collaborative.Programme.Tests.Defaults;

/// <summary>The second sample programme: corporate services and clinical teams together, sharing partners with the first.</summary>
public sealed class CorporateClinicalSampleTests
{
    private static readonly DateOnly AsOf = new(2025, 11, 20);

    private static ProgrammeDefinition Load() => YamlProgrammeLoader.Load(DefaultProgramme.CorporateClinicalYaml(), DefaultProgramme.CorporateClinicalFileName);

    [Fact]
    public void Samples_AreTheEndOfLifeProgrammeFirst_ThenTheCorporateClinicalOne()
    {
        var samples = DefaultProgramme.Samples();

        Assert.Equal([DefaultProgramme.FileName, DefaultProgramme.CorporateClinicalFileName], samples.Select(s => s.FileName));
        Assert.Equal(DefaultProgramme.Yaml(), samples[0].Yaml);
    }

    [Fact]
    public void CorporateClinical_Loads_WithThePublishedFigures()
    {
        var programme = Load();

        Assert.Equal("sheffield-corporate-clinical", programme.Id);
        Assert.Empty(ProgrammeValidator.Validate(programme));
        Assert.Equal(["ward-issues-resolved", "dignity-always"], programme.Goals.Select(g => g.Id));
        var dignity = programme.FindGoal("dignity-always")!;
        Assert.Equal(82, dignity.Baseline!.Value);
        Assert.Equal(90.5, dignity.Target);
        Assert.Contains("802 in 19 months", programme.FindGoal("ward-issues-resolved")!.Aim.What, StringComparison.Ordinal);
        Assert.Equal("concierge-desk", programme.FindMeasure("concierge.issues-resolved-share")!.Module);
    }

    [Fact]
    public void CorporateClinical_SharesPartnersWithTheEndOfLifeProgramme_UnderTheSameIdsAndNames()
    {
        var first = DefaultProgramme.Load();
        var shared = Load().Partners.Where(p => first.FindPartner(p.Id) is not null).ToList();

        Assert.Equal(["sheffield-teaching-ft", "sheffield-health-social-care-ft", "bradford-teaching-ft", "university-of-bradford"], shared.Select(p => p.Id));
        Assert.All(shared, p => Assert.Equal(first.FindPartner(p.Id)!.Name, p.Name));
    }

    [Fact]
    public void CorporateClinical_SampleHistory_ShowsDignityImproving_AndItsAlignmentHasNoErrors()
    {
        var programme = Load();
        var ledger = DefaultProgramme.Ledger(programme, AsOf);
        var progress = ProgrammeProgress.Calculate(programme, ledger).ToDictionary(p => p.GoalId);
        var summary = AlignmentEvaluator.Evaluate(new AlignmentContext(programme, ledger, AsOf));

        Assert.Equal(36, ledger.CurrentSeries("dignity.always-treated-with-dignity").Length);
        Assert.Equal(VariationIcon.ImprovementHigh, progress["dignity-always"].Report.Variation);
        // The concierge desk's measure comes from its module, not from sample history.
        Assert.Empty(ledger.CurrentSeries("concierge.issues-resolved-share"));
        Assert.Equal(0, summary.Errors);
    }
}
