using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Collaborative.Grpc.Client;
using Collaborative.Grpc.Server;
using Collaborative.Interop.Tests;
using Collaborative.Interop.V1;

namespace Collaborative.Grpc.Tests;

/// <summary>Methods of the interop contract, for our client.</summary>
internal static class Interop
{
    public static async Task<GrpcServer> StartAsync(object service, Google.Protobuf.Reflection.ServiceDescriptor descriptor, Action<GrpcServer.Builder>? configure = null)
    {
        var builder = new GrpcServer.Builder().AddService(service, descriptor);
        if (configure is null)
        {
            builder.ListenLoopback(0);
        }
        else
        {
            configure(builder);
        }

        var server = builder.Build();
        await server.StartAsync();
        return server;
    }

    /// <summary>A raw HTTP/2 client, to look at what the server puts on the wire.</summary>
    public static HttpClient RawHttp2Client() => new(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    public static X509Certificate2 SelfSignedLocalhostCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        // Round-trip through PKCS#12 so the private key is usable by SslStream on Linux.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
