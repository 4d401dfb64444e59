using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Collaborative.Grains.Hosting;

/// <summary>Start-up validation of <see cref="GrainStorageOptions"/>, with messages that say which setting to fix.</summary>
internal sealed class GrainStorageOptionsValidator : IValidateOptions<GrainStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainStorageOptions options)
    {
        if (string.Equals(options.Provider, GrainStorageOptions.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                return ValidateOptionsResult.Fail(
                    "Grains:Storage:ConnectionString is required when Grains:Storage:Provider is PostgreSql " +
                    "(e.g. Host=127.0.0.1;Port=5432;Username=collab;Database=collaborative).");
            }

            return TryParse(() => _ = new NpgsqlConnectionStringBuilder(options.ConnectionString), "PostgreSQL");
        }

        if (string.Equals(options.Provider, GrainStorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return options.ConnectionString is null
                ? ValidateOptionsResult.Success
                : TryParse(() => _ = new SqliteConnectionStringBuilder(options.ConnectionString), "SQLite");
        }

        if (string.Equals(options.Provider, GrainStorageOptions.Memory, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"Grains:Storage:Provider is '{options.Provider}'; expected one of {GrainStorageOptions.Sqlite}, " +
            $"{GrainStorageOptions.PostgreSql}, {GrainStorageOptions.Memory}.");
    }

    private static ValidateOptionsResult TryParse(Action parse, string provider)
    {
        try
        {
            parse();
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            return ValidateOptionsResult.Fail($"Grains:Storage:ConnectionString is not a valid {provider} connection string: {e.Message}");
        }
    }
}
