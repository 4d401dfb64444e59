using System.CommandLine;
using System.Globalization;
using Collaborative.Host.Hosting;

namespace Collaborative.Host.Cli;

/// <summary>
/// The options every verb shares, resolved against the host's own configuration (appsettings.json
/// beside the executable and in the working directory, then COLLABORATIVE__* variables), so the CLI
/// finds the port and data directory the host on this machine uses.
/// </summary>
internal sealed class CliSettings
{
    private CliSettings(IConfiguration configuration, CollaborativeHostOptions hostOptions, string address, string? token, bool json, string programme)
    {
        Programme = programme;
        Configuration = configuration;
        HostOptions = hostOptions;
        Address = address;
        Token = token;
        Json = json;
    }

    public IConfiguration Configuration { get; }

    public CollaborativeHostOptions HostOptions { get; }

    /// <summary>The host's gRPC address, e.g. http://127.0.0.1:5310.</summary>
    public string Address { get; }

    /// <summary>Bearer token for a host with access control; null in single-user loopback mode.</summary>
    public string? Token { get; }

    /// <summary>One JSON document on stdout, no colours, no progress bar.</summary>
    public bool Json { get; }

    public string DataDirectory => HostOptions.DataDirectory;

    /// <summary>The programme every call names (`--programme`, else $COLLAB_PROGRAMME); empty: the default programme.</summary>
    public string Programme { get; }

    public static CliSettings From(ParseResult parse, GlobalOptions options)
    {
        var configuration = new ConfigurationManager();
        configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true);
        configuration.AddEnvironmentVariables();
        if (parse.GetValue(options.DataDirectory) is { Length: > 0 } dataDirectory)
        {
            configuration[$"{CollaborativeHostOptions.Section}:DataDirectory"] = Path.GetFullPath(dataDirectory);
        }

        var hostOptions = configuration.GetSection(CollaborativeHostOptions.Section).Get<CollaborativeHostOptions>() ?? new CollaborativeHostOptions();
        var address = parse.GetValue(options.Address) is { Length: > 0 } given
            ? given
            : $"http://127.0.0.1:{(hostOptions.GrpcPort > 0 ? hostOptions.GrpcPort : 5310).ToString(CultureInfo.InvariantCulture)}";
        var token = parse.GetValue(options.Token) is { Length: > 0 } t ? t : null;
        var programme = parse.GetValue(options.Programme) ?? "";
        if (programme.Contains(Grains.Abstractions.ProgrammeScope.Separator, StringComparison.Ordinal) || (programme.Length > 0 && string.IsNullOrWhiteSpace(programme)))
        {
            throw new CliUsageException($"--programme '{programme}' is not a programme id; 'collab programme list' shows them.");
        }

        return new CliSettings(configuration, hostOptions, address, token, parse.GetValue(options.Json), programme);
    }
}
