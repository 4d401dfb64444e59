using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using HttpContext = Microsoft.AspNetCore.Http.HttpContext;

namespace Collaborative.Host.Access;

/// <summary>Access checks as gRPC statuses: UNAUTHENTICATED for an unknown caller, PERMISSION_DENIED naming the role and the action.</summary>
public static class GrpcAccess
{
    /// <summary>
    /// The caller of a call the <see cref="AccessPolicies.Principal"/> policy let through (authenticated by
    /// <see cref="BearerTokenHandler"/>), or UNAUTHENTICATED saying what to send.
    /// </summary>
    public static AccessPrincipal CallerOf(this ProgrammeAccess access, ServerCallContext context) =>
        AccessClaims.From(context.GetHttpContext().User)
        ?? throw new RpcException(new Status(StatusCode.Unauthenticated, access.UnauthenticatedMessage(tokenPresented: false)));

    /// <summary>The caller of a request seen before any endpoint runs (the module gateway), or UNAUTHENTICATED with the reason.</summary>
    public static async Task<AccessPrincipal> CallerOfAsync(this ProgrammeAccess access, HttpContext http) =>
        AccessClaims.From(http.User)
        ?? throw new RpcException(new Status(StatusCode.Unauthenticated, await RefusalAsync(access, http)));

    /// <summary>Why the request's caller is unknown: the authentication handler's reason (its result is kept per request).</summary>
    internal static async Task<string> RefusalAsync(ProgrammeAccess access, HttpContext http) =>
        (await http.AuthenticateAsync(BearerTokenHandler.SchemeName)).Failure?.Message ?? access.UnauthenticatedMessage(tokenPresented: false);

    /// <summary>PERMISSION_DENIED unless <paramref name="allowed"/>: "partner 'X' (city-ft) may not update the programme: only an admin may."</summary>
    public static void Demand(this AccessPrincipal caller, bool allowed, string action, string rule)
    {
        if (!allowed)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, Denied(caller, action, rule)));
        }
    }

    /// <summary>"Partner 'X' (city-ft) may not ACTION: RULE"</summary>
    public static string Denied(AccessPrincipal caller, string action, string rule) => $"{Capitalised(caller.Describe())} may not {action}: {rule}";

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
