using Collaborative.Contracts.V1;
using Collaborative.Contracts.V1.Modules;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using Grpc.Health.V1;

namespace Collaborative.Plugins.Modules.Tests.Processes;

/// <summary>The Python concierge desk: a partner's module built from nothing but the .proto files.</summary>
[Collection(PluginProcessCollection.Name)]
public sealed class ConciergeDeskTests
{
    private const string Desk = "plugins/concierge-desk";
    private const string Clerk = "desk-clerk-1";

    [Fact]
    public async Task Handshake_DescribeAndHealth_FollowTheContract()
    {
        await using var plugin = await PluginProcess.StartAsync(Desk);
        var parts = plugin.Handshake.Split('|');
        Assert.Equal(["1", "1", "unix"], parts[..3]);
        Assert.Equal("grpc", parts[4]);
        Assert.StartsWith(Path.GetTempPath().TrimEnd('/'), parts[3]);

        var description = await plugin.Channel.UnaryAsync(Calls.Describe, new DescribeRequest(), plugin.Options());
        Assert.Equal("concierge-desk", description.Id);
        Assert.Contains("concierge.issues-logged", description.Measures.Select(m => m.MeasureId));
        Assert.Contains("concierge.issues-resolved-share", description.Measures.Select(m => m.MeasureId));
        Assert.Contains("collaborative.v1.modules.ConciergeDesk", description.Services);

        var badCursor = await Assert.ThrowsAsync<RpcException>(() => Calls.CollectAsync(plugin, "not-a-cursor"));
        Assert.Equal(StatusCode.InvalidArgument, badCursor.StatusCode);
        Assert.StartsWith("cursor:", badCursor.Status.Detail);

        var health = await plugin.Channel.UnaryAsync(Calls.Health, new HealthCheckRequest { Service = "plugin" }, plugin.Options());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.Equal(StatusCode.NotFound, await Calls.StatusOf(() => plugin.Channel.UnaryAsync(Calls.Health, new HealthCheckRequest { Service = "nope" }, plugin.Options())));
    }

    [Fact]
    public async Task EveryCall_WithoutTheSecret_IsUnauthenticated()
    {
        await using var plugin = await PluginProcess.StartAsync(Desk);
        var noSecret = plugin.Options(Clerk, withSecret: false);
        var error = await Assert.ThrowsAsync<RpcException>(() => plugin.Channel.UnaryAsync(Calls.Describe, new DescribeRequest(), noSecret));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("secret", error.Status.Detail);
        Assert.Equal(StatusCode.Unauthenticated, await Calls.StatusOf(() => plugin.Channel.UnaryAsync(Calls.Health, new HealthCheckRequest { Service = "plugin" }, noSecret)));
        Assert.Equal(StatusCode.Unauthenticated, await Calls.StatusOf(() =>
            plugin.Channel.UnaryAsync(Calls.Desk.ListRequests, new ListConciergeRequests { Period = "2025-02" }, noSecret)));
        Assert.Equal(StatusCode.Unauthenticated, await Calls.StatusOf(async () =>
        {
            using var call = plugin.Channel.AsyncServerStreamingCall(Calls.Collect, new CollectObservationsRequest(), noSecret);
            await foreach (var _ in call.ResponseStream.ReadAllAsync())
            {
            }
        }));
    }

    [Fact]
    public async Task LoggedRequests_BecomeMonthlyMeasures_AndCollectionResumesAcrossARestart()
    {
        var data = Directory.CreateTempSubdirectory("cpm-desk-").FullName;
        try
        {
            List<Observation> first;
            string cursor;
            await using (var plugin = await PluginProcess.StartAsync(Desk, data))
            {
                var options = plugin.Options(Clerk);
                Assert.Equal(StatusCode.Unauthenticated, await Calls.StatusOf(() =>
                    plugin.Channel.UnaryAsync(Calls.Desk.LogRequest, new LogConciergeRequest { Issue = Issue("2025-02-03T09:00:00Z", RootCause.Culture) }, plugin.Options())));
                var invalid = await Assert.ThrowsAsync<RpcException>(() =>
                    plugin.Channel.UnaryAsync(Calls.Desk.LogRequest, new LogConciergeRequest { Issue = Issue("2025-02-03T09:00:00Z", RootCause.Unspecified) }, options));
                Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
                Assert.StartsWith("issue.category:", invalid.Status.Detail);

                var issues = new List<ConciergeIssue>();
                foreach (var (at, cause) in new[]
                         {
                             ("2025-02-03T09:00:00Z", RootCause.ComplexProcesses), ("2025-02-10T14:30:00Z", RootCause.ComplexProcesses),
                             ("2025-02-17T11:15:00Z", RootCause.Communication), ("2025-02-24T16:45:00Z", RootCause.CommercialContracts),
                         })
                {
                    issues.Add(await plugin.Channel.UnaryAsync(Calls.Desk.LogRequest, new LogConciergeRequest { Issue = Issue(at, cause) }, options));
                }

                await plugin.Channel.UnaryAsync(Calls.Desk.ResolveRequest,
                    new ResolveConciergeRequest { IssueId = issues[0].IssueId, Resolution = "One form instead of four", ResolvedAt = At("2025-02-20T10:00:00Z") }, options);
                Assert.Equal(StatusCode.FailedPrecondition, await Calls.StatusOf(() => plugin.Channel.UnaryAsync(Calls.Desk.ResolveRequest,
                    new ResolveConciergeRequest { IssueId = issues[0].IssueId, Resolution = "again" }, options)));
                Assert.Equal(StatusCode.NotFound, await Calls.StatusOf(() => plugin.Channel.UnaryAsync(Calls.Desk.ResolveRequest,
                    new ResolveConciergeRequest { IssueId = "CD-99999", Resolution = "?" }, options)));

                (first, cursor, _) = await Calls.CollectAsync(plugin);
                var latest = Calls.Latest(first);
                Assert.Equal(4, latest[("concierge.issues-logged", "2025-02")].Value);
                Assert.Equal(25, latest[("concierge.issues-resolved-share", "2025-02")].Value, 9);
                Assert.Equal((1.0, 4.0), (latest[("concierge.issues-resolved-share", "2025-02")].Numerator, latest[("concierge.issues-resolved-share", "2025-02")].Denominator));
                Assert.Equal(2, latest[("concierge.issues.complex-processes", "2025-02")].Value);
                Assert.Equal(1, latest[("concierge.issues.communication", "2025-02")].Value);
                Assert.Equal(1, latest[("concierge.issues.commercial-contracts", "2025-02")].Value);
                Assert.Equal(0, latest[("concierge.issues.culture", "2025-02")].Value);
                Assert.All(first, o => Assert.Equal("concierge-desk", o.Source));
                Assert.Equal(first.Count, first.Select(o => o.Id).Distinct().Count());

                var listed = await plugin.Channel.UnaryAsync(Calls.Desk.ListRequests, new ListConciergeRequests { Period = "2025-02" }, options);
                Assert.Equal(issues.Select(i => i.IssueId), listed.Issues.Select(i => i.IssueId));
                Assert.NotNull(listed.Issues[0].ResolvedAt);

                await plugin.Channel.UnaryAsync(Calls.Shutdown, new ShutdownRequest(), plugin.Options());
                Assert.Equal(0, await plugin.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            }

            await using (var plugin = await PluginProcess.StartAsync(Desk, data))
            {
                var (none, _, _) = await Calls.CollectAsync(plugin, cursor);
                Assert.Empty(none);
                var listed = await plugin.Channel.UnaryAsync(Calls.Desk.ListRequests, new ListConciergeRequests { Period = "2025-02" }, plugin.Options(Clerk));
                await plugin.Channel.UnaryAsync(Calls.Desk.ResolveRequest,
                    new ResolveConciergeRequest { IssueId = listed.Issues[1].IssueId, Resolution = "Agreed a single order route" }, plugin.Options(Clerk));

                var (second, _, _) = await Calls.CollectAsync(plugin, cursor);
                var revised = Assert.Single(second);
                var previous = Calls.Latest(first)[("concierge.issues-resolved-share", "2025-02")].Id;
                var revision = int.Parse(previous[(previous.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal($"concierge.issues-resolved-share:2025-02:{revision + 1}", revised.Id);
                Assert.Equal(50, revised.Value, 9);

                var (all, _, _) = await Calls.CollectAsync(plugin);
                Assert.Equal(first.Concat(second), all);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static ConciergeIssue Issue(string raisedAt, RootCause cause) => new()
    {
        Ward = "Ward 7 (stroke)",
        RaisedBy = "Sister Akhtar",
        RaisedAt = At(raisedAt),
        Category = cause,
        CorporateService = "procurement",
        Description = "Ordering a replacement commode takes three systems",
    };

    private static Timestamp At(string utc) => Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
}
