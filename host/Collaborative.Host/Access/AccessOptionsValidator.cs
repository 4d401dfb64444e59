using Microsoft.Extensions.Options;

namespace Collaborative.Host.Access;

/// <summary>Refuses start-up with every problem in Collaborative:Access:Principals, each naming its entry and field.</summary>
internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
