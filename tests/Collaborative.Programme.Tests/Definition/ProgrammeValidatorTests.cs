using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;
using Collaborative.Programme.Tests.Alignment;

namespace Collaborative.Programme.Tests.Definition;

/// <summary>The checks the API runs on a changed programme: the same as for a file, without positions.</summary>
public sealed class ProgrammeValidatorTests
{
    [Fact]
    public void Validate_ValidProgramme_HasNoErrors()
    {
        Assert.Empty(ProgrammeValidator.Validate(AlignedProgramme.Mini));
        Assert.Same(AlignedProgramme.Mini, ProgrammeValidator.EnsureValid(AlignedProgramme.Mini));
    }

    [Fact]
    public void Validate_ChangedThroughTheApi_ReportsPathsAndMessagesWithoutPositions()
    {
        var changed = AlignedProgramme.WithGoal(g => g with { Id = "", CoOwners = ["acute", "acute"], Measure = "falls" });
        var errors = ProgrammeValidator.Validate(changed);

        Assert.Equal(
        [
            "goals[0].id: missing required field 'id'",
            "goals[0].measure: goal '' names measure 'falls', which is not a measure in the programme",
            "goals[0].co_owners[1]: goal '' names co-owner 'acute' twice",
        ],
            errors.Select(e => e.ToString()));
        Assert.All(errors, e => Assert.Null(e.Line));
        var refused = Assert.Throws<ProgrammeDefinitionException>(() => ProgrammeValidator.EnsureValid(changed));
        Assert.Equal(3, refused.Errors.Length);
    }

    [Fact]
    public void Validate_RemovingADefaultPrinciple_IsRefused()
    {
        var error = Assert.Single(ProgrammeValidator.Validate(AlignedProgramme.Mini with { Principles = Principle.Defaults.RemoveAt(2) }));
        Assert.Equal("the default principle 'diverse-expertise' (See diverse expertise as an asset) is missing; every programme keeps the five defaults", error.Message);
    }

    [Fact]
    public void Validate_ChangeInWeeksForAMonthlyMeasure_IsRefused()
    {
        var changed = AlignedProgramme.WithGoal(g => g with { Changes = [new ProcessChange { Period = Period.IsoWeek(2025, 10) }] });
        var error = Assert.Single(ProgrammeValidator.Validate(changed));
        Assert.Equal("goal 'fewer-opioids' declares a change in a week but measure 'opioid-rx' is counted by month", error.Message);
    }

    [Fact]
    public void CommunitiesOf_IsTheUnionOfBothWaysOfSayingIt()
    {
        var programme = AlignedProgramme.Mini with
        {
            Communities =
            [
                AlignedProgramme.Mini.Communities[0],
                new ClinicalCommunity { Id = "carers", Name = "Carers", Goals = ["fewer-opioids"] },
            ],
        };
        Assert.Equal(["pain", "carers"], programme.CommunitiesOf(programme.Goals[0]).ToArray());
    }
}
