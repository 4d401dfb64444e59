using Collaborative.Host.Hosting;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Collaborative.Host.Access;

/// <summary>
/// A gRPC call refused by a policy gets a gRPC status a person can act on, not a bare HTTP 401/403:
/// UNAUTHENTICATED saying what to send, PERMISSION_DENIED naming the role and the action. Everything
/// else (the dashboard) is answered as ASP.NET Core always does.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!GrpcTrailersOnly.IsGrpc(context.Request) || authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var caller = AccessClaims.From(context.User);
        if (authorizeResult.Challenged || caller is null)
        {
            var access = context.RequestServices.GetRequiredService<ProgrammeAccess>();
            await GrpcTrailersOnly.WriteAsync(context.Response, new Status(StatusCode.Unauthenticated, await GrpcAccess.RefusalAsync(access, context)));
            return;
        }

        var refused = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RoleRequirement>().FirstOrDefault();
        await GrpcTrailersOnly.WriteAsync(context.Response, new Status(StatusCode.PermissionDenied,
            refused is null ? GrpcAccess.Denied(caller, "make this call", "its role does not allow it.") : GrpcAccess.Denied(caller, refused.Action, refused.Rule)));
    }
}
