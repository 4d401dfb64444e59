using Collaborative.Plugins;
using Grpc.Core;
using HttpContext = Microsoft.AspNetCore.Http.HttpContext;

namespace Collaborative.Host.Access;

/// <summary>Access checks as gRPC statuses: UNAUTHENTICATED for an unknown caller, PERMISSION_DENIED naming the role and the action.</summary>
public static class GrpcAccess
{
    /// <summary>The caller of <paramref name="context"/>, or UNAUTHENTICATED saying what to send.</summary>
    public static AccessPrincipal CallerOf(this ProgrammeAccess access, ServerCallContext context) => access.CallerOf(context.GetHttpContext());

    /// <summary>The caller of a gRPC request seen before any handler runs (the module gateway), or UNAUTHENTICATED.</summary>
    public static AccessPrincipal CallerOf(this ProgrammeAccess access, HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(PluginProtocol.BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[PluginProtocol.BearerPrefix.Length..].Trim() : null;
        if (header.Length > 0 && token is null && !access.SingleUserMode)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "The authorization metadata must be 'Bearer <token>'."));
        }

        return access.Identify(http.Connection.RemoteIpAddress, token)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, access.UnauthenticatedMessage(tokenPresented: !string.IsNullOrEmpty(token))));
    }

    /// <summary>PERMISSION_DENIED unless <paramref name="allowed"/>: "partner 'X' (city-ft) may not update the programme: only an admin may."</summary>
    public static void Demand(this AccessPrincipal caller, bool allowed, string action, string rule)
    {
        if (!allowed)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{Capitalised(caller.Describe())} may not {action}: {rule}"));
        }
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
