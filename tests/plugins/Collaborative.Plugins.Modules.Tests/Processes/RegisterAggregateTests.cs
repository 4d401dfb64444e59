using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using static Collaborative.Plugins.Modules.Tests.Processes.RegisterRequests;

namespace Collaborative.Plugins.Modules.Tests.Processes;

/// <summary>The register's aggregates from a small known dataset, and collection resumed across a restart.</summary>
[Collection(PluginProcessCollection.Name)]
public sealed class RegisterAggregateTests
{
    private const string Gp = "gp-c7654321";

    [Fact]
    public async Task Aggregates_FromAKnownRegister_AreTheHandComputedFigures()
    {
        await using var plugin = await PluginProcess.StartAsync("plugins/EndOfLifeRegister");
        async Task<RegisterRecord> Register(PlaceOfDeath first, PlaceOfDeath second = PlaceOfDeath.Unspecified) =>
            await plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(first: first, second: second), plugin.Options(Gp));
        async Task Die(RegisterRecord record, PlaceOfDeath place) =>
            await plugin.Channel.UnaryAsync(Calls.Register.RecordDeath,
                new RecordDeathRequest { RecordId = record.RecordId, Death = new Death { DateOfDeath = record.RegisteredOn, Place = place } }, plugin.Options(Gp));

        var a = await Register(PlaceOfDeath.Home, PlaceOfDeath.Hospice);     // dies at home: 1st choice
        var b = await Register(PlaceOfDeath.Hospice);                        // dies in hospital: not preferred
        var c = await Register(PlaceOfDeath.Unspecified);                    // dies in hospital, no preference
        var d = await Register(PlaceOfDeath.CareHome, PlaceOfDeath.Home);    // dies at home: 2nd choice
        await Register(PlaceOfDeath.Home);                                   // alive, preference recorded
        await Register(PlaceOfDeath.Unspecified);                            // alive, no preference
        await Register(PlaceOfDeath.Hospice);                                // alive, preference recorded
        var g = await Register(PlaceOfDeath.Home);                           // withdraws consent: leaves the register
        await Die(a, PlaceOfDeath.Home);
        await Die(b, PlaceOfDeath.Hospital);
        await Die(c, PlaceOfDeath.Hospital);
        await Die(d, PlaceOfDeath.Home);
        await plugin.Channel.UnaryAsync(Calls.Register.RecordConsent,
            new RecordConsentRequest { RecordId = g.RecordId, Consent = new Consent { Basis = ConsentBasis.Explicit, Withdrawn = true, WithdrawnOn = g.RegisteredOn } },
            plugin.Options(Gp));

        var (observations, _, _) = await Calls.CollectAsync(plugin);
        var month = a.RegisteredOn[..7];
        var latest = Calls.Latest(observations);

        // On the register at month end: the three alive who kept consent.
        Assert.Equal(3, latest[("eol.register-size", month)].Value);
        // Of those three, two have a 1st preferred place: 66.7%.
        AssertShare(latest[("eol.preferred-place-recorded", month)], 2, 3);
        // Four deaths; three had a preference (a, b, d); a and d died in a place they chose: 66.7%.
        AssertShare(latest[("eol.died-in-preferred-place", month)], 2, 3);
        // Of the four deaths, b and c in hospital: 50%.
        AssertShare(latest[("eol.died-in-hospital", month)], 2, 4);
    }

    [Fact]
    public async Task Collection_ResumedFromACursorAfterARestart_LosesAndRepeatsNothing()
    {
        var data = Directory.CreateTempSubdirectory("cpm-eol-").FullName;
        try
        {
            List<Observation> first;
            string cursor;
            await using (var plugin = await PluginProcess.StartAsync("plugins/EndOfLifeRegister", data))
            {
                for (var i = 0; i < 3; i++)
                {
                    await plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(), plugin.Options(Gp));
                }

                (first, cursor, _) = await Calls.CollectAsync(plugin);
                Assert.NotEmpty(first);
                await plugin.Channel.UnaryAsync(Calls.Shutdown, new ShutdownRequest(), plugin.Options());
                Assert.Equal(0, await plugin.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }

            await using (var plugin = await PluginProcess.StartAsync("plugins/EndOfLifeRegister", data))
            {
                // Nothing changed while it was down: resuming yields nothing new.
                var (none, same, _) = await Calls.CollectAsync(plugin, cursor);
                Assert.Empty(none);
                Assert.Equal(cursor, same);

                var died = await plugin.Channel.UnaryAsync(Calls.Register.RegisterPerson, Person(first: PlaceOfDeath.Hospice), plugin.Options(Gp));
                await plugin.Channel.UnaryAsync(Calls.Register.RecordDeath,
                    new RecordDeathRequest { RecordId = died.RecordId, Death = new Death { DateOfDeath = died.RegisteredOn, Place = PlaceOfDeath.Hospice } }, plugin.Options(Gp));
                var (second, end, _) = await Calls.CollectAsync(plugin, cursor);
                Assert.NotEmpty(second);
                Assert.Empty(second.Select(o => o.Id).Intersect(first.Select(o => o.Id)));
                Assert.Contains(second, o => o.MeasureId == "eol.died-in-preferred-place" && o.Value == 100);

                // From the start again: exactly the two collections, in order, every id once, the same as first time.
                var (all, allEnd, _) = await Calls.CollectAsync(plugin);
                Assert.Equal(first.Concat(second).Select(o => o.Id), all.Select(o => o.Id));
                Assert.Equal(first.Concat(second), all);
                Assert.Equal(end, allEnd);

                // Small batches page through the same rows, each batch carrying its cursor.
                var (paged, pagedEnd, batches) = await Calls.CollectAsync(plugin, maxBatch: 2);
                Assert.Equal(all, paged);
                Assert.Equal(end, pagedEnd);
                Assert.Equal((all.Count + 1) / 2, batches);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void AssertShare(Observation observation, double numerator, double denominator)
    {
        Assert.Equal(numerator, observation.Numerator);
        Assert.Equal(denominator, observation.Denominator);
        Assert.Equal(100 * numerator / denominator, observation.Value, 9);
    }
}
