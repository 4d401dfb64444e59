using Collaborative.Programme.Defaults;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Programme.Tests.Definition;

public sealed class YamlProgrammeWriterTests
{
    [Fact]
    public void Write_DefaultProgramme_LoadsBackToTheSameProgramme()
    {
        var programme = DefaultProgramme.Load();
        var written = YamlProgrammeWriter.Write(programme);
        var loaded = YamlProgrammeLoader.Load(written, "exported.yaml");

        // Writing what was loaded gives the same text: nothing was lost or changed on the way.
        Assert.Equal(written, YamlProgrammeWriter.Write(loaded));
        Assert.Equal(programme.Goals.Select(g => g with { }).Select(Describe), loaded.Goals.Select(Describe));
        Assert.Equal(programme.Partners.SelectMany(p => p.Services).Select(s => s.ToString()), loaded.Partners.SelectMany(p => p.Services).Select(s => s.ToString()));
        Assert.Equal(programme.AlignmentRules.Select(r => (r.RuleId, r.Severity, string.Join(",", r.Parameters))),
            loaded.AlignmentRules.Select(r => (r.RuleId, r.Severity, string.Join(",", r.Parameters))));
        Assert.Equal(programme.Principles.Select(p => p.ToString()), loaded.Principles.Select(p => p.ToString()));
    }

    [Fact]
    public void Write_AwkwardText_IsQuotedSoItReadsBack()
    {
        var programme = Alignment.AlignedProgramme.Mini with
        {
            Name = "null",
            Vision = "Pain: managed, together [all partners] # no comment",
            Goals =
            [
                Alignment.AlignedProgramme.Goal with
                {
                    Changes = [new ProcessChange { Period = Period.Month(2025, 4), Reason = "Clinic opened, at last", BaselinePeriods = 13 }],
                    Baseline = new GoalBaseline { Value = 12.25, From = Period.Month(2024, 1), Periods = 15 },
                },
            ],
        };
        var loaded = YamlProgrammeLoader.Load(YamlProgrammeWriter.Write(programme), "awkward.yaml");

        Assert.Equal("null", loaded.Name);
        Assert.Equal(programme.Vision, loaded.Vision);
        Assert.Equal("Clinic opened, at last", loaded.Goals[0].Changes[0].Reason);
        Assert.Equal(programme.Goals[0].Baseline, loaded.Goals[0].Baseline);
        Assert.Equal(programme.Goals[0].Team.ToArray(), loaded.Goals[0].Team.ToArray());
    }

    private static string Describe(SharedGoal g) =>
        $"{g.Id}|{g.Title}|{g.Aim}|{g.Measure}|{g.Baseline}|{g.Target}|{g.Improvement}|{string.Join(",", g.CoOwners)}|{g.ExecutiveSponsor}|{g.ClinicalLead}|{string.Join(",", g.LivedExperience)}|{string.Join(",", g.Communities)}|{string.Join(",", g.Team)}|{string.Join(",", g.Changes)}";
}
