using Collaborative.Programme.Definition;
using Collaborative.Programme.Tests.Alignment;

namespace Collaborative.Programme.Tests.Definition;

/// <summary>A goal's driver diagram in the programme file: read, refused with file, line and field, written back.</summary>
public sealed class DriverDiagramFileTests
{
    private const string Idea = "                - { id: taper-clinic, title: Pharmacist-led tapering clinic, measure: opioid-rx, owners: [gp] }";

    /// <summary>The mini file's goal with a diagram appended; lines 35 to 45.</summary>
    private static string[] Diagram(string idea = Idea, string second = "                - { id: leaflet, title: Tapering leaflet }") =>
    [
        /* 35 */ "    driver_diagram:",
        /* 36 */ "      reviewed: 2025-09-01",
        /* 37 */ "      primary_drivers:",
        /* 38 */ "        - id: safer-prescribing",
        /* 39 */ "          title: Safer prescribing in primary care",
        /* 40 */ "          secondary_drivers:",
        /* 41 */ "            - id: tapering",
        /* 42 */ "              title: Structured tapering reviews",
        /* 43 */ "              change_ideas:",
        /* 44 */ idea,
        /* 45 */ second,
    ];

    private static ProgrammeError Refused(params string[] diagram) =>
        Assert.Single(Assert.Throws<ProgrammeDefinitionException>(() => YamlProgrammeLoader.Load(MiniProgramme.Plus(diagram), MiniProgramme.FileName)).Errors);

    private static int Column(string line, string text) => line.IndexOf(text, StringComparison.Ordinal) + 1;

    [Fact]
    public void Load_DriverDiagram_GivesDriversIdeasMeasureOwnersAndReviewDate()
    {
        var programme = YamlProgrammeLoader.Load(MiniProgramme.Plus(Diagram()), MiniProgramme.FileName);
        var diagram = programme.Goals[0].DriverDiagram!;

        Assert.Equal(new DateOnly(2025, 9, 1), diagram.Reviewed);
        var primary = Assert.Single(diagram.PrimaryDrivers);
        Assert.Equal(("safer-prescribing", "Safer prescribing in primary care"), (primary.Id, primary.Title));
        Assert.Equal("tapering", Assert.Single(primary.SecondaryDrivers).Id);
        Assert.Equal(["taper-clinic", "leaflet"], diagram.ChangeIdeas.Select(i => i.Id));
        var idea = diagram.ChangeIdeas.First();
        Assert.Equal("opioid-rx", idea.Measure);
        Assert.Equal(["gp"], idea.Owners.ToArray());
        Assert.Null(diagram.ChangeIdeas.Last().Measure);
        Assert.Equal("fewer-opioids", programme.FindChangeIdea("leaflet")!.Value.Goal.Id);
        Assert.Null(programme.FindChangeIdea("nothing"));
    }

    [Fact]
    public void Load_GoalWithoutADiagram_StillLoads()
    {
        Assert.Null(YamlProgrammeLoader.Load(MiniProgramme.Text, MiniProgramme.FileName).Goals[0].DriverDiagram);
    }

    [Fact]
    public void Load_UnknownOwner_IsRefusedAtItsItemWithTheFieldPath()
    {
        var line = Idea.Replace("owners: [gp]", "owners: [gp, hospice]", StringComparison.Ordinal);
        var error = Refused(Diagram(line));

        Assert.Equal("goals[0].driver_diagram.primary_drivers[0].secondary_drivers[0].change_ideas[0].owners[1]", error.Path);
        Assert.Equal((44, Column(line, "hospice")), (error.Line, error.Column));
        Assert.Equal("change idea 'taper-clinic' of goal 'fewer-opioids' names owner 'hospice', which is not a partner in the programme", error.Message);
    }

    [Fact]
    public void Load_UnknownProcessMeasure_IsRefusedAtTheMeasure()
    {
        var line = Idea.Replace("measure: opioid-rx", "measure: taper-reviews", StringComparison.Ordinal);
        var error = Refused(Diagram(line));

        Assert.Equal("goals[0].driver_diagram.primary_drivers[0].secondary_drivers[0].change_ideas[0].measure", error.Path);
        Assert.Equal((44, Column(line, "taper-reviews")), (error.Line, error.Column));
        Assert.Equal("change idea 'taper-clinic' of goal 'fewer-opioids' names process measure 'taper-reviews', which is not a measure in the programme", error.Message);
    }

    [Fact]
    public void Load_DuplicateIds_AreRefused()
    {
        var idea = Refused(Diagram(second: "                - { id: taper-clinic, title: Tapering leaflet }"));
        Assert.Equal(("goals[0].driver_diagram.primary_drivers[0].secondary_drivers[0].change_ideas[1].id", 45), (idea.Path, idea.Line));
        Assert.Equal("duplicate change idea id 'taper-clinic'", idea.Message);

        var lines = Diagram();
        lines[6] = "            - id: safer-prescribing";
        var driver = Refused(lines);
        Assert.Equal(("goals[0].driver_diagram.primary_drivers[0].secondary_drivers[0].id", 41), (driver.Path, driver.Line));
        Assert.Equal("duplicate driver id 'safer-prescribing' in the driver diagram of goal 'fewer-opioids'", driver.Message);
    }

    [Fact]
    public void Validate_ChangeIdeaIdUsedByTwoGoals_IsRefusedNamingTheOther()
    {
        var other = AlignedProgramme.Goal with { Id = "other" };
        var error = Assert.Single(ProgrammeValidator.Validate(AlignedProgramme.Mini with { Goals = [AlignedProgramme.Goal, other] }));

        Assert.Equal("goals[1].driver_diagram.primary_drivers[0].secondary_drivers[0].change_ideas[0].id: duplicate change idea id 'taper-clinic'; goal 'fewer-opioids' has a change idea with that id, and cycles name ideas by id alone", error.ToString());
    }

    [Fact]
    public void Load_BadReviewDate_UnknownField_MissingTitle_AreRefusedWhereTheyAre()
    {
        var lines = Diagram();
        lines[1] = "      reviewed: 2025-13-01";
        var date = Refused(lines);
        Assert.Equal(("goals[0].driver_diagram.reviewed", 36, "'2025-13-01' is not a date; expected YYYY-MM-DD, e.g. 2026-03-31"), (date.Path, date.Line, date.Message));

        var unknown = Refused(Diagram(Idea.Replace("owners:", "owner:", StringComparison.Ordinal)));
        Assert.Equal(("goals[0].driver_diagram.primary_drivers[0].secondary_drivers[0].change_ideas[0].owner", 44), (unknown.Path, unknown.Line));
        Assert.Equal("unknown field 'owner'; expected one of id, title, measure, owners", unknown.Message);

        lines = Diagram();
        lines[4] = "          titel: Safer prescribing";
        var errors = Assert.Throws<ProgrammeDefinitionException>(() => YamlProgrammeLoader.Load(MiniProgramme.Plus(lines), MiniProgramme.FileName)).Errors;
        Assert.Equal(
            [
                "mini.yaml:38:11: goals[0].driver_diagram.primary_drivers[0].title: missing required field 'title'",
                $"mini.yaml:39:11: goals[0].driver_diagram.primary_drivers[0].titel: unknown field 'titel'; expected one of id, title, secondary_drivers",
            ],
            errors.Select(e => e.ToString()).Order());
    }

    [Fact]
    public void Load_MorePrimaryDriversThanTheLimit_IsRefusedAtTheList()
    {
        var drivers = Enumerable.Range(0, ProgrammeLimits.MaxPrimaryDrivers + 1).Select(i => $"        - {{ id: p{i}, title: Driver {i} }}");
        var error = Refused(["    driver_diagram:", "      primary_drivers:", .. drivers]);

        Assert.Equal(("goals[0].driver_diagram.primary_drivers", 37), (error.Path, error.Line)); // where the list starts
        Assert.Equal("13 primary drivers; a driver diagram keeps to at most 12 here, so a team can hold it in mind", error.Message);
    }

    [Fact]
    public void Write_DriverDiagram_LoadsBackTheSame()
    {
        var programme = YamlProgrammeLoader.Load(MiniProgramme.Plus(Diagram()), MiniProgramme.FileName);
        var written = YamlProgrammeWriter.Write(programme);
        var loaded = YamlProgrammeLoader.Load(written, "exported.yaml");

        Assert.Equal(written, YamlProgrammeWriter.Write(loaded));
        var (before, after) = (programme.Goals[0].DriverDiagram!, loaded.Goals[0].DriverDiagram!);
        Assert.Equal(before.Reviewed, after.Reviewed);
        Assert.Equal(Describe(before), Describe(after));
        Assert.Contains("driver_diagram:", written);
    }

    [Fact]
    public void Write_AwkwardTitlesAndAnEmptyDiagram_ReadBack()
    {
        var goal = AlignedProgramme.Goal with
        {
            DriverDiagram = AlignedProgramme.Goal.DriverDiagram! with
            {
                Reviewed = null,
                PrimaryDrivers =
                [
                    AlignedProgramme.Goal.DriverDiagram.PrimaryDrivers[0] with { Title = "Prescribing: safer, [together] # always" },
                    new PrimaryDriver { Id = "no-secondaries", Title = "null" },
                ],
            },
        };
        var other = AlignedProgramme.Goal with { Id = "other", DriverDiagram = new DriverDiagram() };
        var programme = AlignedProgramme.Mini with { Goals = [goal, other] };

        var loaded = YamlProgrammeLoader.Load(YamlProgrammeWriter.Write(programme), "awkward.yaml");

        Assert.Equal(Describe(goal.DriverDiagram), Describe(loaded.Goals[0].DriverDiagram!));
        Assert.Null(loaded.Goals[0].DriverDiagram!.Reviewed);
        Assert.Empty(loaded.Goals[1].DriverDiagram!.PrimaryDrivers);
    }

    [Fact]
    public void WithDriverDiagram_AnEditThroughTheApi_IsAReviewOnTheDayOfTheEdit()
    {
        var edited = AlignedProgramme.Goal.DriverDiagram! with { Reviewed = new DateOnly(2020, 1, 1) };
        var programme = AlignedProgramme.Mini.WithDriverDiagram("fewer-opioids", edited, new DateOnly(2025, 11, 20));

        Assert.Equal(new DateOnly(2025, 11, 20), programme.Goals[0].DriverDiagram!.Reviewed);
        Assert.Equal(Describe(edited), Describe(programme.Goals[0].DriverDiagram!));
        Assert.Null(AlignedProgramme.Mini.WithDriverDiagram("fewer-opioids", null, new DateOnly(2025, 11, 20)).Goals[0].DriverDiagram);
        Assert.Equal("'falls' is not a shared goal of programme 'mini' (Parameter 'goalId')",
            Assert.Throws<ArgumentException>(() => AlignedProgramme.Mini.WithDriverDiagram("falls", edited, new DateOnly(2025, 11, 20))).Message);
    }

    private static string Describe(DriverDiagram diagram) => string.Join(" | ", diagram.PrimaryDrivers.Select(p =>
        $"{p.Id}:{p.Title}[{string.Join(", ", p.SecondaryDrivers.Select(s => $"{s.Id}:{s.Title}[{string.Join(", ", s.ChangeIdeas.Select(i => $"{i.Id}:{i.Title}:{i.Measure}:{string.Join("+", i.Owners)}"))}]"))}]"));
}
