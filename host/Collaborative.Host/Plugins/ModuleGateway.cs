using System.Net;
using Collaborative.Host.Access;
using Collaborative.Host.Hosting;
using Collaborative.Plugins;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Collaborative.Host.Plugins;

/// <summary>
/// Staff systems reach a module's own service (the end-of-life register's API, the Gold Line call log)
/// through the host, on the host's one address with its TLS and its principals. A call to
/// <c>/package.Service/Method</c> whose service a running module lists in <c>Describe.services</c> is
/// checked and handed to YARP's forwarder (<see cref="IHttpForwarder"/>): headers, messages, trailers,
/// deadlines and cancellation pass through for all four kinds of call, with the module's launch secret
/// added. The host never parses the messages, so identifiable data passes through and is never stored
/// or logged here.
/// <list type="bullet">
/// <item>Who may call: a <see cref="AccessRole.Staff"/> principal of the partner organisation named in the
/// module's manifest (and the single local user). Anyone else: UNAUTHENTICATED or PERMISSION_DENIED.</item>
/// <item>What the module learns: <c>collab-caller</c> (the principal's name) and <c>collab-caller-partner</c>,
/// set by the host and never taken from the caller, beside the caller's own <c>x-staff-id</c>.</item>
/// <item>A module that is restarting, failed, whose breaker is open, or that dies mid-call: UNAVAILABLE,
/// naming the module.</item>
/// </list>
/// </summary>
internal sealed class ModuleGateway(RequestDelegate next, PluginSupervisor plugins, ProgrammeAccess access, IHttpForwarder forwarder,
    IOptions<PluginHostOptions> options, ILogger<ModuleGateway> log)
{
    // HTTP/2 exactly (gRPC needs it); an idle watch may sit quiet far longer than the forwarder's 100 s default.
    private readonly ForwarderRequestConfig _config = new()
    {
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        ActivityTimeout = options.Value.GatewayIdleTimeout,
    };

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!GrpcTrailersOnly.IsGrpc(request)
            || ModuleGatewayRoutes.ServiceOf(request.Path.Value) is not { } service
            || ModuleGatewayRoutes.IsReserved(service)
            || plugins.FindByService(service) is not { } plugin)
        {
            // Not a module's service: the host's own gRPC services (or their UNIMPLEMENTED) and the dashboard.
            await next(context);
            return;
        }

        AccessPrincipal caller;
        try
        {
            caller = await AuthoriseAsync(context, plugin);
        }
        catch (RpcException refused)
        {
            // The module never sees a refused call.
            await GrpcTrailersOnly.WriteAsync(context.Response, refused.Status);
            return;
        }

        if (plugin.Connection is not { } connection)
        {
            var status = plugin.Status;
            await GrpcTrailersOnly.WriteAsync(context.Response, new Status(StatusCode.Unavailable,
                $"Module '{plugin.Id}' is {status.State.ToString().ToLowerInvariant()}{(status.LastError is { } error ? $" ({error})" : "")}; its service {service} is not reachable now."));
            return;
        }

        if (plugin.BreakerOpen)
        {
            await GrpcTrailersOnly.WriteAsync(context.Response, new Status(StatusCode.Unavailable,
                $"Module '{plugin.Id}' is failing and its circuit breaker is open; try again shortly."));
            return;
        }

        var forwarding = await forwarder.SendAsync(context, connection.ForwardTo, connection.Forwarder, _config, new ModuleCallTransformer(connection.Secret, caller));
        if (forwarding != ForwarderError.None && !context.RequestAborted.IsCancellationRequested)
        {
            var reason = context.GetForwarderErrorFeature()?.Exception?.Message ?? forwarding.ToString();
            log.LogWarning("Forwarding {Path} to module {Plugin} failed ({Error}): {Reason}", request.Path.Value, plugin.Id, forwarding, reason);
            if (!context.Response.HasStarted)
            {
                await GrpcTrailersOnly.WriteAsync(context.Response, new Status(StatusCode.Unavailable, $"Module '{plugin.Id}' did not answer: {reason}"));
            }
        }
    }

    /// <summary>The caller, or UNAUTHENTICATED / PERMISSION_DENIED as an <see cref="RpcException"/>.</summary>
    private async Task<AccessPrincipal> AuthoriseAsync(HttpContext context, SupervisedPlugin plugin)
    {
        var caller = await access.CallerOfAsync(context);
        var partner = plugin.Manifest.PartnerOrganisation;
        caller.Demand(ProgrammeAccess.CanCallModuleService(caller, partner), $"call {context.Request.Path.Value}", caller.Role == AccessRole.Staff
            ? $"module '{plugin.Id}' belongs to partner '{partner}', and only that organisation's staff systems may call it."
            : $"only staff systems of partner '{partner}' (role staff) call module '{plugin.Id}': its service holds identifiable records; the programme sees its aggregates.");
        return caller;
    }

    /// <summary>The caller's headers as they came, less its credentials and anything only the host may set; plus the launch secret and who is calling.</summary>
    private sealed class ModuleCallTransformer(string? secret, AccessPrincipal caller) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            // The base copies headers as they came; HttpTransformer.Default would add X-Forwarded-* too.
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            foreach (var name in ModuleGatewayRoutes.HostOnlyRequestHeaders)
            {
                proxyRequest.Headers.Remove(name);
            }

            if (secret is not null)
            {
                proxyRequest.Headers.TryAddWithoutValidation(PluginProtocol.SecretHeader, secret);
            }

            proxyRequest.Headers.TryAddWithoutValidation(PluginProtocol.CallerHeader, caller.Name);
            if (caller.Partner is { } partner)
            {
                proxyRequest.Headers.TryAddWithoutValidation(PluginProtocol.CallerPartnerHeader, partner);
            }
        }
    }
}

/// <summary>What the module gateway forwards, and what it never does.</summary>
internal static class ModuleGatewayRoutes
{
    // The plugin contract and health are the host's to call, never a caller's: Shutdown must not be reachable.
    private static readonly HashSet<string> s_reserved = new(StringComparer.Ordinal)
    {
        "collaborative.v1.Plugin",
        "collaborative.v1.Host",
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    };

    /// <summary>Never passed on from the caller: its credentials, and the headers only the host sets.</summary>
    public static IReadOnlyList<string> HostOnlyRequestHeaders { get; } =
        [PluginProtocol.AuthorizationHeader, PluginProtocol.SecretHeader, PluginProtocol.CallerHeader, PluginProtocol.CallerPartnerHeader];

    public static bool IsReserved(string service) => s_reserved.Contains(service);

    /// <summary>"pkg.Service" of "/pkg.Service/Method"; null for any other shape.</summary>
    public static string? ServiceOf(string? path)
    {
        if (path is not { Length: > 3 } || path[0] != '/')
        {
            return null;
        }

        var slash = path.IndexOf('/', 1);
        return slash > 1 && slash < path.Length - 1 && path.IndexOf('/', slash + 1) < 0 ? path[1..slash] : null;
    }
}
