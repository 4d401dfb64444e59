using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Collaborative.Grpc.Server;

/// <summary>Wiring for hosts built on ASP.NET Core: <c>AddGrpcTransport</c>, <c>MapGrpcService</c>, <c>UseGrpcServices</c>.</summary>
public static class GrpcServerExtensions
{
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        var options = new GrpcServerOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<GrpcServiceRegistry>();
        return services;
    }

    /// <summary>Serves <typeparamref name="TService"/> (a DI singleton) as <paramref name="service"/>.</summary>
    public static IApplicationBuilder MapGrpcService<TService>(this IApplicationBuilder app, ServiceDescriptor service)
        where TService : class
    {
        var implementation = app.ApplicationServices.GetRequiredService<TService>();
        app.ApplicationServices.GetRequiredService<GrpcServiceRegistry>().Add(implementation, service);
        return app;
    }

    /// <summary>Serves <paramref name="implementation"/> as <paramref name="service"/>.</summary>
    public static IApplicationBuilder MapGrpcService(this IApplicationBuilder app, object implementation, ServiceDescriptor service)
    {
        app.ApplicationServices.GetRequiredService<GrpcServiceRegistry>().Add(implementation, service);
        return app;
    }

    /// <summary>Adds the gRPC middleware; requests that are not gRPC pass through to what follows.</summary>
    public static IApplicationBuilder UseGrpcServices(this IApplicationBuilder app) => app.UseMiddleware<GrpcMiddleware>();
}
