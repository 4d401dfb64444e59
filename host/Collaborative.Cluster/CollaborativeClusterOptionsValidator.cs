using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Collaborative.Cluster;

/// <summary>Refuses cluster options a silo could not start with, naming the field and the value.</summary>
internal sealed class CollaborativeClusterOptionsValidator : IValidateOptions<CollaborativeClusterOptions>
{
    private const string Section = CollaborativeClusterOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CollaborativeClusterOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add($"{Section}:Provider must be Localhost or PostgreSql (was '{options.Provider}').");
        }

        if (options.Provider == ClusterProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add($"{Section}:ConnectionString is required when {Section}:Provider is PostgreSql.");
            }
            else if (!IsConnectionString(options.ConnectionString))
            {
                failures.Add($"{Section}:ConnectionString is not a valid PostgreSQL connection string.");
            }
        }

        RequireText(failures, "ClusterId", options.ClusterId);
        RequireText(failures, "ServiceId", options.ServiceId);
        RequirePort(failures, "SiloPort", options.SiloPort);
        RequirePort(failures, "GatewayPort", options.GatewayPort);
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{Section}:GatewayPort must differ from {Section}:SiloPort (both {options.SiloPort}).");
        }

        if (options.AdvertisedAddress is { } address && !IPAddress.TryParse(address, out _))
        {
            failures.Add($"{Section}:AdvertisedAddress must be an IP address (was '{address}').");
        }

        var membership = options.Membership;
        if (membership is null)
        {
            failures.Add($"{Section}:Membership is required.");
        }
        else
        {
            RequirePositive(failures, "Membership:ProbeTimeout", membership.ProbeTimeout);
            RequirePositive(failures, "Membership:TableRefreshTimeout", membership.TableRefreshTimeout);
            RequirePositive(failures, "Membership:IAmAliveTablePublishTimeout", membership.IAmAliveTablePublishTimeout);
            RequirePositive(failures, "Membership:DeathVoteExpirationTimeout", membership.DeathVoteExpirationTimeout);
            RequireAtLeastOne(failures, "Membership:NumMissedProbesLimit", membership.NumMissedProbesLimit);
            RequireAtLeastOne(failures, "Membership:NumVotesForDeathDeclaration", membership.NumVotesForDeathDeclaration);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every bad field.</summary>
    public static void ThrowIfInvalid(CollaborativeClusterOptions options)
    {
        var result = new CollaborativeClusterOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(CollaborativeClusterOptions), result.Failures);
        }
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void RequireText(List<string> failures, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Section}:{field} is required.");
        }
    }

    private static void RequirePort(List<string> failures, string field, int value)
    {
        if (value is < 1 or > 65535)
        {
            failures.Add($"{Section}:{field} must be between 1 and 65535 (was {value}).");
        }
    }

    private static void RequirePositive(List<string> failures, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:{field} must be greater than zero (was {value}).");
        }
    }

    private static void RequireAtLeastOne(List<string> failures, string field, int value)
    {
        if (value < 1)
        {
            failures.Add($"{Section}:{field} must be at least 1 (was {value}).");
        }
    }
}
