using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using Collaborative.Grpc;
using Collaborative.Grpc.Server;
using Collaborative.Host.Access;
using Collaborative.Plugins;
using Microsoft.Extensions.Primitives;

namespace Collaborative.Host.Plugins;

/// <summary>
/// Staff systems reach a module's own service (the end-of-life register's API, the Gold Line call log)
/// through the host, on the host's one address with its TLS and its principals. A call to
/// <c>/package.Service/Method</c> whose service a running module lists in <c>Describe.services</c> is
/// checked and forwarded byte for byte: request headers and framed messages go to the module with its
/// launch secret, and the module's response headers, messages and trailers come back unchanged, for all
/// four kinds of call. The host never parses the messages, so identifiable data passes through and is
/// never stored or logged here.
/// <list type="bullet">
/// <item>Who may call: a <see cref="AccessRole.Staff"/> principal of the partner organisation named in the
/// module's manifest (and the single local user). Anyone else: UNAUTHENTICATED or PERMISSION_DENIED.</item>
/// <item>What the module learns: <c>collab-caller</c> (the principal's name) and <c>collab-caller-partner</c>,
/// set by the host and never taken from the caller, beside the caller's own <c>x-staff-id</c>.</item>
/// <item>A module that is restarting, failed or whose breaker is open: UNAVAILABLE, saying which.</item>
/// </list>
/// </summary>
internal sealed class ModuleGateway(RequestDelegate next, PluginSupervisor plugins, ProgrammeAccess access, GrpcServiceRegistry hostServices, ILogger<ModuleGateway> log)
{
    // Read on first use: the host maps its services after the pipeline is declared.
    private readonly Lazy<HashSet<string>> _hostServices = new(() => [.. hostServices.ServiceNames]);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!GrpcResponses.IsGrpcRequest(request)
            || ModuleGatewayRoutes.ServiceOf(request.Path.Value) is not { } service
            || _hostServices.Value.Contains(service)
            || ModuleGatewayRoutes.IsReserved(service)
            || plugins.FindByService(service) is not { } plugin)
        {
            // Not a module's service: the host's own gRPC services (or their UNIMPLEMENTED) and the dashboard.
            await next(context);
            return;
        }

        var refusal = Authorise(context, plugin, out var caller);
        if (refusal is not null)
        {
            await GrpcResponses.WriteTrailersOnlyAsync(context.Response, refusal.Value);
            return;
        }

        if (plugin.Connection is not { } connection)
        {
            var status = plugin.Status;
            await GrpcResponses.WriteTrailersOnlyAsync(context.Response, new Status(StatusCode.Unavailable,
                $"Module '{plugin.Id}' is {status.State.ToString().ToLowerInvariant()}{(status.LastError is { } error ? $" ({error})" : "")}; its service {service} is not reachable now."));
            return;
        }

        if (plugin.BreakerOpen)
        {
            await GrpcResponses.WriteTrailersOnlyAsync(context.Response, new Status(StatusCode.Unavailable,
                $"Module '{plugin.Id}' is failing and its circuit breaker is open; try again shortly."));
            return;
        }

        await ForwardAsync(context, connection, plugin.Id, caller!);
    }

    /// <summary>The caller, or the status that refuses it (the module never sees a refused call).</summary>
    private Status? Authorise(HttpContext context, SupervisedPlugin plugin, out AccessPrincipal? caller)
    {
        caller = null;
        try
        {
            caller = access.CallerOf(context);
            var partner = plugin.Manifest.PartnerOrganisation;
            caller.Demand(ProgrammeAccess.CanCallModuleService(caller, partner), $"call {context.Request.Path.Value}", caller.Role == AccessRole.Staff
                ? $"module '{plugin.Id}' belongs to partner '{partner}', and only that organisation's staff systems may call it."
                : $"only staff systems of partner '{partner}' (role staff) call module '{plugin.Id}': its service holds identifiable records; the programme sees its aggregates.");
            return null;
        }
        catch (RpcException refused)
        {
            return refused.Status;
        }
    }

    private async Task ForwardAsync(HttpContext context, PluginConnection connection, string pluginId, AccessPrincipal caller)
    {
        var aborted = context.RequestAborted;
        using var forwarded = new HttpRequestMessage(HttpMethod.Post, context.Request.Path.Value)
        {
            Content = new ForwardedRequestContent(context.Request.Body),
        };

        foreach (var (name, values) in context.Request.Headers)
        {
            if (ModuleGatewayRoutes.IsForwardedRequestHeader(name))
            {
                var added = values.Count == 1 ? forwarded.Headers.TryAddWithoutValidation(name, values.ToString()) : forwarded.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                if (!added)
                {
                    forwarded.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }
        }

        forwarded.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        forwarded.Headers.TryAddWithoutValidation(PluginProtocol.CallerHeader, caller.Name);
        if (caller.Partner is { } partner)
        {
            forwarded.Headers.TryAddWithoutValidation(PluginProtocol.CallerPartnerHeader, partner);
        }

        HttpResponseMessage response;
        try
        {
            response = await connection.ForwardAsync(forwarded, aborted);
        }
        catch (Exception ex) when (!aborted.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException)
        {
            log.LogWarning("Forwarding {Path} to module {Plugin} failed: {Reason}", context.Request.Path.Value, pluginId, ex.Message);
            await GrpcResponses.WriteTrailersOnlyAsync(context.Response, new Status(StatusCode.Unavailable, $"Module '{pluginId}' did not answer: {ex.Message}"));
            return;
        }
        catch (Exception) when (aborted.IsCancellationRequested)
        {
            return; // the caller went away; the module's stream was reset with it
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            CopyResponseHeaders(response.Headers, context.Response);
            CopyResponseHeaders(response.Content.Headers, context.Response);
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                await using var body = await response.Content.ReadAsStreamAsync(aborted);
                int read;
                while ((read = await body.ReadAsync(buffer, aborted)) > 0)
                {
                    // Each chunk goes on at once: a server stream's messages reach the caller as the module sends them.
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), aborted);
                }

                foreach (var (name, values) in response.TrailingHeaders.NonValidated)
                {
                    context.Response.AppendTrailer(name, Values(values));
                }
            }
            catch (Exception ex) when (!aborted.IsCancellationRequested && ex is HttpRequestException or IOException or OperationCanceledException)
            {
                // The module went away mid-call. Headers (maybe messages) are out; end the call with a status.
                log.LogWarning("Module {Plugin} broke off {Path}: {Reason}", pluginId, context.Request.Path.Value, ex.Message);
                var status = new Status(StatusCode.Unavailable, $"Module '{pluginId}' broke off the call: {ex.Message}");
                if (context.Response.HasStarted)
                {
                    GrpcResponses.AppendStatusTrailers(context.Response, status);
                }
                else
                {
                    await GrpcResponses.WriteTrailersOnlyAsync(context.Response, status);
                }
            }
            catch (Exception) when (aborted.IsCancellationRequested)
            {
                // The caller cancelled: disposing the response resets the module's stream too.
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static void CopyResponseHeaders(HttpHeaders headers, HttpResponse response)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            if (ModuleGatewayRoutes.IsForwardedResponseHeader(name))
            {
                response.Headers[name] = Values(values);
            }
        }
    }

    private static StringValues Values(HeaderStringValues values) => values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);

    /// <summary>The caller's request body, passed on as it arrives and flushed per read so client streams flow.</summary>
    private sealed class ForwardedRequestContent(Stream source) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    await stream.FlushAsync(cancellationToken);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
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

    private static readonly HashSet<string> s_requestHeadersNotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "authorization", "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "te", "content-length",
        PluginProtocol.SecretHeader, PluginProtocol.CallerHeader, PluginProtocol.CallerPartnerHeader,
    };

    private static readonly HashSet<string> s_responseHeadersNotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "connection", "keep-alive", "transfer-encoding", "upgrade", "content-length", "date", "server",
    };

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

    public static bool IsForwardedRequestHeader(string name) => name.Length > 0 && name[0] != ':' && !s_requestHeadersNotForwarded.Contains(name);

    public static bool IsForwardedResponseHeader(string name) => name.Length > 0 && name[0] != ':' && !s_responseHeadersNotForwarded.Contains(name);
}
