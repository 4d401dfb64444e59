using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;

namespace Collaborative.Plugins.Modules.Tests.Processes;

/// <summary>The academy's measures and its alignment finding, through its own service on a running process.</summary>
[Collection(PluginProcessCollection.Name)]
public sealed class CoachingAcademyTests
{
    private const string Lead = "academy-lead";

    [Fact]
    public async Task CoachAssignedToTheirOwnMicrosystem_IsWarnedAndReportedAsAFinding_UntilTheyStop()
    {
        await using var plugin = await PluginProcess.StartAsync("plugins/CoachingAcademy");
        var options = plugin.Options(Lead);
        var cohort = await plugin.Channel.UnaryAsync(Calls.Academy.CreateCohort, new CreateCohortRequest { Name = "Cohort 1", StartsOn = "2025-01-06" }, options);
        Assert.Equal("2025-06-05", cohort.EndsOn); // five months
        var ward7 = await plugin.Channel.UnaryAsync(Calls.Academy.AddMicrosystem, new AddMicrosystemRequest { Name = "Ward 7 (stroke)", Kind = MicrosystemKind.Ward, Organisation = "Wharfe Valley NHS FT" }, options);
        var clinic = await plugin.Channel.UnaryAsync(Calls.Academy.AddMicrosystem, new AddMicrosystemRequest { Name = "Falls clinic", Kind = MicrosystemKind.Clinic, Organisation = "Wharfe Valley NHS FT" }, options);
        var physio = await plugin.Channel.UnaryAsync(Calls.Academy.AddMicrosystem, new AddMicrosystemRequest { Name = "Physiotherapy", Kind = MicrosystemKind.Department, Organisation = "Wharfe Valley NHS FT" }, options);
        var amy = await plugin.Channel.UnaryAsync(Calls.Academy.EnrolCoach, new EnrolCoachRequest { Name = "Amy", CohortId = cohort.CohortId, HomeMicrosystemId = ward7.MicrosystemId }, options);
        var ben = await plugin.Channel.UnaryAsync(Calls.Academy.EnrolCoach, new EnrolCoachRequest { Name = "Ben", CohortId = cohort.CohortId, HomeMicrosystemId = clinic.MicrosystemId }, options);
        var cat = await plugin.Channel.UnaryAsync(Calls.Academy.EnrolCoach, new EnrolCoachRequest { Name = "Cat", CohortId = cohort.CohortId, HomeMicrosystemId = physio.MicrosystemId }, options);
        Assert.True(amy.Active);

        var fine = await plugin.Channel.UnaryAsync(Calls.Academy.AssignCoach, new AssignCoachRequest { CoachId = amy.CoachId, MicrosystemId = clinic.MicrosystemId, StartsOn = "2025-01-20" }, options);
        Assert.Empty(fine.Warnings);
        var own = await plugin.Channel.UnaryAsync(Calls.Academy.AssignCoach, new AssignCoachRequest { CoachId = ben.CoachId, MicrosystemId = clinic.MicrosystemId, StartsOn = "2025-01-20" }, options);
        Assert.Contains("own microsystem", Assert.Single(own.Warnings));
        await plugin.Channel.UnaryAsync(Calls.Academy.AssignCoach, new AssignCoachRequest { CoachId = cat.CoachId, MicrosystemId = ward7.MicrosystemId, StartsOn = "2025-01-20" }, options);

        var findings = (await plugin.Channel.UnaryAsync(Calls.Evaluate, new EvaluateAlignmentRequest { ProgrammeId = "demo" }, plugin.Options())).Findings;
        var finding = Assert.Single(findings);
        Assert.Equal("academy.coach-own-microsystem", finding.RuleId);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("coaching-academy", finding.Source);
        Assert.Contains(ben.CoachId, finding.What);
        Assert.Contains("Falls clinic", finding.What);
        Assert.DoesNotContain("Ben", finding.What); // staff ids, not names
        Assert.NotEmpty(finding.Why);
        Assert.NotEmpty(finding.Action);

        await plugin.Channel.UnaryAsync(Calls.Academy.SetCoachActive, new SetCoachActiveRequest { CoachId = ben.CoachId, Active = false, AsOf = RegisterRequests.Today }, options);
        Assert.Empty((await plugin.Channel.UnaryAsync(Calls.Evaluate, new EvaluateAlignmentRequest { ProgrammeId = "demo" }, plugin.Options())).Findings);
    }

    [Fact]
    public async Task Measures_CountTrainedCoachesTeamsCoachedAndTheShareStillCoaching()
    {
        await using var plugin = await PluginProcess.StartAsync("plugins/CoachingAcademy");
        var options = plugin.Options(Lead);
        var cohort = await plugin.Channel.UnaryAsync(Calls.Academy.CreateCohort, new CreateCohortRequest { Name = "Cohort 1", StartsOn = "2025-01-06" }, options);
        var teams = new List<Microsystem>();
        foreach (var name in new[] { "Ward 1", "Ward 2", "Ward 3", "Ward 4" })
        {
            teams.Add(await plugin.Channel.UnaryAsync(Calls.Academy.AddMicrosystem, new AddMicrosystemRequest { Name = name, Kind = MicrosystemKind.Ward, Organisation = "Trust" }, options));
        }

        var coaches = new List<Coach>();
        for (var i = 0; i < 4; i++)
        {
            coaches.Add(await plugin.Channel.UnaryAsync(Calls.Academy.EnrolCoach, new EnrolCoachRequest { Name = $"Coach {i}", CohortId = cohort.CohortId, HomeMicrosystemId = teams[i].MicrosystemId }, options));
        }

        // Each coaches the next ward; coach 0 also takes on ward 3 later (teams coached stays distinct: 4).
        for (var i = 0; i < 4; i++)
        {
            await plugin.Channel.UnaryAsync(Calls.Academy.AssignCoach, new AssignCoachRequest { CoachId = coaches[i].CoachId, MicrosystemId = teams[(i + 1) % 4].MicrosystemId, StartsOn = "2025-02-03" }, options);
        }

        await plugin.Channel.UnaryAsync(Calls.Academy.AssignCoach, new AssignCoachRequest { CoachId = coaches[0].CoachId, MicrosystemId = teams[2].MicrosystemId, StartsOn = "2025-07-01" }, options);
        // Three complete the course in June; coach 3 never does. Coach 1 stops coaching in August.
        for (var i = 0; i < 3; i++)
        {
            await plugin.Channel.UnaryAsync(Calls.Academy.RecordTrainingCompleted, new RecordTrainingCompletedRequest { CoachId = coaches[i].CoachId, CompletedOn = "2025-06-05" }, options);
        }

        await plugin.Channel.UnaryAsync(Calls.Academy.SetCoachActive, new SetCoachActiveRequest { CoachId = coaches[1].CoachId, Active = false, AsOf = "2025-08-14" }, options);

        var latest = Calls.Latest((await Calls.CollectAsync(plugin)).Observations);
        Assert.Equal(0, latest[("academy.coaches-trained", "2025-05")].Value);
        Assert.Equal(4, latest[("academy.teams-coached", "2025-05")].Value);
        Assert.False(latest.ContainsKey(("academy.coaches-active-share", "2025-05"))); // nobody trained yet
        Assert.Equal(3, latest[("academy.coaches-trained", "2025-06")].Value);
        Assert.Equal(100, latest[("academy.coaches-active-share", "2025-07")].Value);
        var august = latest[("academy.coaches-active-share", "2025-08")];
        Assert.Equal((2.0, 3.0), (august.Numerator, august.Denominator));
        Assert.Equal(4, latest[("academy.teams-coached", "2025-08")].Value);
    }
}
