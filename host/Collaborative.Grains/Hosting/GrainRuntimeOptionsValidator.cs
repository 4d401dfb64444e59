using Microsoft.Extensions.Options;

namespace Collaborative.Grains.Hosting;

/// <summary>Start-up validation of <see cref="GrainRuntimeOptions"/>.</summary>
internal sealed class GrainRuntimeOptionsValidator : IValidateOptions<GrainRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainRuntimeOptions options)
    {
        var failures = new List<string>();
        Positive(options.ResponseTimeout, nameof(options.ResponseTimeout));
        Positive(options.CollectionAge, nameof(options.CollectionAge));
        Positive(options.CollectionQuantum, nameof(options.CollectionQuantum));
        Positive(options.DeactivationTimeout, nameof(options.DeactivationTimeout));
        Positive(options.InconsistentStateRetryDelay, nameof(options.InconsistentStateRetryDelay));
        if (options.InconsistentStateRetries is < 0 or > 100)
        {
            failures.Add($"Grains:{nameof(options.InconsistentStateRetries)} is {options.InconsistentStateRetries}; it must be between 0 and 100.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Positive(TimeSpan value, string setting)
        {
            if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
            {
                failures.Add($"Grains:{setting} is {value}; it must be more than zero and at most one day (format hh:mm:ss).");
            }
        }
    }
}
