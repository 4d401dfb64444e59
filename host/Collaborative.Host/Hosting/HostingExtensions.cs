using System.Net;
using System.Security.Cryptography.X509Certificates;
using Collaborative.Grpc.Health;
using Collaborative.Grpc.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Collaborative.Host.Hosting;

/// <summary>The host's wiring: what Program.cs calls.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddCollaborativeHost(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CollaborativeHostOptions>()
            .Bind(builder.Configuration.GetSection(CollaborativeHostOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.Tls.Enabled || IPAddress.TryParse(o.BindAddress, out var ip) && IPAddress.IsLoopback(ip),
                "Collaborative:BindAddress is not a loopback address, so Collaborative:Tls:CertificatePath and KeyPath are required: partners' traffic never crosses a network in clear text.")
            .Validate(o => !o.Tls.Enabled || (File.Exists(o.Tls.CertificatePath) && o.Tls.KeyPath is not null && File.Exists(o.Tls.KeyPath)),
                "Collaborative:Tls:CertificatePath and KeyPath must both name existing PEM files.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(CollaborativeHostOptions.Section).Get<CollaborativeHostOptions>() ?? new CollaborativeHostOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.GrpcPort > 0 && IPAddress.TryParse(options.BindAddress, out var address))
            {
                kestrel.Listen(address, options.GrpcPort, listen =>
                {
                    if (options.Tls.Enabled && File.Exists(options.Tls.CertificatePath) && File.Exists(options.Tls.KeyPath))
                    {
                        listen.Protocols = HttpProtocols.Http1AndHttp2;
                        listen.UseHttps(X509Certificate2.CreateFromPemFile(options.Tls.CertificatePath!, options.Tls.KeyPath));
                    }
                    else
                    {
                        // Cleartext gRPC is HTTP/2 with prior knowledge: no ALPN to negotiate it.
                        listen.Protocols = HttpProtocols.Http2;
                    }
                });
            }

            if (options.GrpcUnixSocket is { Length: > 0 } socket)
            {
                if (File.Exists(socket))
                {
                    File.Delete(socket);
                }

                kestrel.ListenUnixSocket(socket, listen => listen.Protocols = HttpProtocols.Http2);
            }
        });

        builder.Services.AddGrpcTransport();
        builder.Services.AddSingleton<HealthService>();
        return builder;
    }

    public static WebApplication MapCollaborativeHost(this WebApplication app)
    {
        // Fail at start-up, with the message, rather than on the first request.
        _ = app.Services.GetRequiredService<IOptions<CollaborativeHostOptions>>().Value;
        app.UseGrpcServices();
        app.MapGrpcService<HealthService>(HealthService.Descriptor);
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<HealthService>().Shutdown());
        return app;
    }
}
