using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;
using Collaborative.Programme.Defaults;
using Google.Protobuf.WellKnownTypes;
using Orleans.Storage;
using static Collaborative.Programme.Grains.Tests.Observations;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>
/// A store a single-programme host wrote (the programme grain under key "programme", measures under their bare
/// ids, no directory), opened by this version: a silo of its own, so the directory's first activation sees it.
/// </summary>
public sealed class ProgrammeUpgradeTests : IAsyncLifetime
{
    private readonly ProgrammeCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task AStoreOfOneProgramme_IsReadAsTheDefaultProgramme_UnderItsOldKeys()
    {
        var grains = _cluster.Grains;
        // Written as the old host stored them, straight into grain storage: nothing of this version runs first.
        var programmeId = grains.GetGrain<IProgrammeGrain>(IProgrammeGrain.LegacyKey).GetGrainId();
        await _cluster.Storage.WriteStateAsync("programme", programmeId, new GrainState<ProgrammeState>(new ProgrammeState
        {
            Yaml = DefaultProgramme.Yaml(),
            FileName = DefaultProgramme.FileName,
            Version = 4,
            UpdatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        }));
        var measureId = grains.GetGrain<IMeasureGrain>("eol.died-in-hospital").GetGrainId();
        var old = new MeasureState { MeasureId = "eol.died-in-hospital", PeriodKind = "month" };
        old.Observations.Add(Monthly("before-the-upgrade", "eol.died-in-hospital", "2030-01", 12.5));
        await _cluster.Storage.WriteStateAsync("measure", measureId, new GrainState<MeasureState>(old));

        var portfolio = await _cluster.PortfolioAsync();

        var only = Assert.Single(portfolio.Programmes); // no sample programmes beside an upgraded one
        Assert.Equal(ProgrammeScope.Legacy(DefaultProgramme.Load().Id), only);
        Assert.Equal(only, portfolio.Default);
        Assert.Equal(4, (await grains.GetGrain<IProgrammeGrain>(only.GrainKey).GetAsync()).Version);
        var progress = await grains.GetGrain<ISharedGoalGrain>(only.GoalKey("fewer-hospital-deaths")).GetProgressAsync();
        Assert.Equal("2030-01", progress.LatestPeriod);
        Assert.Equal(12.5, progress.LatestValue);
        var community = await grains.GetGrain<IClinicalCommunityGrain>(only.CommunityKey("end-of-life")).GetProfileAsync();
        Assert.Contains(community.Goals, g => g.GoalId == "fewer-hospital-deaths" && g.LatestPeriod == "2030-01");

        // It is replaced where it is, and the portfolio grows beside it.
        var replaced = await grains.GetGrain<IProgrammeGrain>(only.GrainKey).UpdateAsync(DefaultProgramme.Yaml(), "edited.yaml");
        var created = await grains.GetGrain<IProgrammeDirectoryGrain>(IProgrammeDirectoryGrain.Key).CreateAsync(DefaultProgramme.CorporateClinicalYaml(), DefaultProgramme.CorporateClinicalFileName);
        Assert.Equal(5, replaced.Version);
        Assert.True(created.Accepted);
        portfolio = await _cluster.PortfolioAsync();
        Assert.Equal([only, ProgrammeScope.Of("sheffield-corporate-clinical")], portfolio.Programmes.AsEnumerable());
        var partner = await grains.GetGrain<IPartnerOrganisationGrain>("sheffield-teaching-ft").GetProfileAsync();
        Assert.Equal([DefaultProgramme.Load().Id, "sheffield-corporate-clinical"], partner.Programmes.Select(p => p.ProgrammeId));
    }
}
