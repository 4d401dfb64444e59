using Microsoft.AspNetCore.Authorization;

namespace Collaborative.Host.Access;

/// <summary>
/// A role policy: one of <see cref="Roles"/> (or the single local user) may <see cref="Action"/>. A refusal
/// says who was refused, the action and the <see cref="Rule"/>: "Partner 'X' (city-ft) may not update the
/// programme: only an admin may."
/// </summary>
internal sealed class RoleRequirement(string action, string rule, params AccessRole[] roles) : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public string Action { get; } = action;

    public string Rule { get; } = rule;

    public IReadOnlyList<AccessRole> Roles { get; } = roles;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (AccessClaims.From(context.User) is { } caller && (caller.SingleUser || requirement.Roles.Contains(caller.Role)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
