using System.Net;
using Grpc.Core;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Collaborative.Contracts.V1;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Collaborative.Host.Plugins;
using Collaborative.Plugins;
using Grpc.Health.V1;

namespace Collaborative.Host.Tests;

/// <summary>A partner runs its module on its own infrastructure: the host dials its address over TLS.</summary>
public sealed class RemotePluginTests
{
    [Fact]
    public async Task RemoteModule_OverTls_IsDescribedHealthCheckedAndCollected()
    {
        using var certificate = SelfSignedLocalhost();
        var health = new HealthServiceImpl();
        health.SetStatus(PluginProtocol.HealthServiceName, HealthCheckResponse.Types.ServingStatus.Serving);
        await using var remote = await RemoteModuleServer.StartAsync(certificate, health);

        await using var harness = new SupervisorHarness();
        var directory = Path.Combine(harness.PluginsDirectory, "waiting-list");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "partner-root.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "plugin.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "waiting-list",
            ["name"] = "Waiting list (remote)",
            ["version"] = "1.0.0",
            ["partnerOrganisation"] = "city-ft",
            ["appProtocolVersions"] = new[] { 1 },
            ["address"] = $"https://localhost:{remote.Port}",
            ["rootCertificate"] = "partner-root.pem",
        }));
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("waiting-list").State == PluginState.Healthy, "the remote module is healthy");
        await harness.WaitUntilAsync(() => harness.Sink.Deliveries.ContainsKey("waits:2026-01"), "its observation arrives");
        var status = harness.Status("waiting-list");
        Assert.True(status.Remote);
        Assert.Null(status.ProcessId);
        Assert.StartsWith("https://localhost:", status.Address);
    }

    [Fact]
    public async Task RemoteModule_WithAnUntrustedCertificate_IsReportedFailed()
    {
        using var certificate = SelfSignedLocalhost();
        using var other = SelfSignedLocalhost();
        await using var remote = await RemoteModuleServer.StartAsync(certificate, new HealthServiceImpl());

        await using var harness = new SupervisorHarness();
        harness.Options.MaxRestarts = 0;
        var directory = Path.Combine(harness.PluginsDirectory, "impostor");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "partner-root.pem"), other.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "plugin.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["id"] = "impostor",
            ["name"] = "Not who it says",
            ["version"] = "1.0.0",
            ["partnerOrganisation"] = "city-ft",
            ["appProtocolVersions"] = new[] { 1 },
            ["address"] = $"https://localhost:{remote.Port}",
            ["rootCertificate"] = "partner-root.pem",
        }));
        await harness.StartAsync();

        await harness.WaitUntilAsync(() => harness.Status("impostor").State == PluginState.Failed, "the module with an untrusted certificate is reported failed");
        Assert.Empty(harness.Sink.Deliveries);
    }

    private static X509Certificate2 SelfSignedLocalhost()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A partner's module served on its own infrastructure: plugin.proto over TLS, no launch contract.</summary>
    private sealed class RemoteWaitingList : Collaborative.Contracts.V1.Plugin.PluginBase
    {
        public override Task<PluginDescription> Describe(DescribeRequest request, ServerCallContext context) =>
            Task.FromResult(new PluginDescription { Id = "waiting-list", Name = "Waiting list", Version = "1.0.0", PartnerOrganisation = "city-ft" });

        public override async Task CollectObservations(CollectObservationsRequest request, IServerStreamWriter<ObservationBatch> responses, ServerCallContext context)
        {
            if (request.Cursor.Length == 0)
            {
                await responses.WriteAsync(new ObservationBatch
                {
                    Observations = { new Observation { Id = "waits:2026-01", MeasureId = "waits.over-18-weeks", Period = "2026-01", Value = 42, Source = "waiting-list" } },
                    Cursor = "1",
                });
            }
        }

        public override Task<EvaluateAlignmentResponse> EvaluateAlignment(EvaluateAlignmentRequest request, ServerCallContext context) =>
            Task.FromResult(new EvaluateAlignmentResponse());

        public override Task<ShutdownResponse> Shutdown(ShutdownRequest request, ServerCallContext context) => Task.FromResult(new ShutdownResponse());
    }

    /// <summary>Kestrel with TLS on a free loopback port, serving <see cref="RemoteWaitingList"/> and health.</summary>
    private sealed class RemoteModuleServer(WebApplication app) : IAsyncDisposable
    {
        public int Port { get; } = new Uri(app.Urls.First()).Port;

        public static async Task<RemoteModuleServer> StartAsync(X509Certificate2 certificate, HealthServiceImpl health)
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2;
                listen.UseHttps(certificate);
            }));
            builder.Services.AddRouting();
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(health);
            var app = builder.Build();
            app.MapGrpcService<RemoteWaitingList>();
            app.MapGrpcService<HealthServiceImpl>();
            await app.StartAsync();
            return new RemoteModuleServer(app);
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
