using Collaborative.Grains.Abstractions;
using Collaborative.Host.Programme;

namespace Collaborative.Programme.Grains.Tests;

[Collection(ProgrammeClusterCollection.Name)]
public sealed class SignInSessionGrainTests(ProgrammeCluster cluster)
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FindAsync_BeforeItExpires_IsThePrincipalItStartedFor()
    {
        var session = cluster.Grains.GetGrain<ISignInSessionGrain>("session-found");
        await session.StartAsync(new SignInSession("City data team", "partner", "city-ft", Noon.AddHours(8)));

        var found = await session.FindAsync(Noon.AddHours(7));

        Assert.Equal(new SignInSession("City data team", "partner", "city-ft", Noon.AddHours(8)), found);
    }

    [Fact]
    public async Task FindAsync_OfAPrincipalLimitedToSomeProgrammes_KeepsItsProgrammes()
    {
        var session = cluster.Grains.GetGrain<ISignInSessionGrain>("session-limited");
        await session.StartAsync(new SignInSession("Academy lead", "leader", null, Noon.AddHours(8), ["sheffield-corporate-clinical"]));

        var found = await session.FindAsync(Noon.AddHours(7));

        Assert.Equal(["sheffield-corporate-clinical"], found!.Programmes.AsEnumerable());
    }

    [Fact]
    public async Task StartAsync_StoresWhoAndUntilWhen_Durably()
    {
        var session = cluster.Grains.GetGrain<ISignInSessionGrain>("session-stored");
        await session.StartAsync(new SignInSession("Dr A Lead", "leader", null, Noon.AddHours(8)));

        var stored = new GrainState<SignInSessionState>(new SignInSessionState());
        await cluster.Storage.ReadStateAsync("session", session.GetGrainId(), stored);

        Assert.True(stored.RecordExists);
        Assert.Equal(new SignInSessionState { Principal = "Dr A Lead", Role = "leader", Expires = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Noon.AddHours(8)) }, stored.State);
    }

    [Fact]
    public async Task FindAsync_AtItsExpiry_IsNothingAndForgetsIt()
    {
        var session = cluster.Grains.GetGrain<ISignInSessionGrain>("session-expired");
        await session.StartAsync(new SignInSession("Dr A Lead", "leader", null, Noon.AddHours(8)));

        Assert.Null(await session.FindAsync(Noon.AddHours(8)));

        // Forgotten, not just hidden: a clock read earlier no longer finds it either.
        Assert.Null(await session.FindAsync(Noon));
        var stored = new GrainState<SignInSessionState>(new SignInSessionState());
        await cluster.Storage.ReadStateAsync("session", session.GetGrainId(), stored);
        Assert.False(stored.RecordExists);
    }

    [Fact]
    public async Task EndAsync_SignsOut()
    {
        var session = cluster.Grains.GetGrain<ISignInSessionGrain>("session-ended");
        await session.StartAsync(new SignInSession("Dr A Lead", "leader", null, Noon.AddHours(8)));

        await session.EndAsync();

        Assert.Null(await session.FindAsync(Noon));
    }

    [Fact]
    public async Task FindAsync_ASessionNeverStarted_IsNothing() =>
        Assert.Null(await cluster.Grains.GetGrain<ISignInSessionGrain>("session-never-started").FindAsync(Noon));
}
