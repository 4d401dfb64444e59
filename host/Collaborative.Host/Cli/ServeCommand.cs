using System.CommandLine;
using Collaborative.Host.Hosting;

namespace Collaborative.Host.Cli;

/// <summary>
/// `collab serve` (and `collab` with no arguments): the host itself, wired exactly as it always was.
/// Unrecognised tokens pass through as configuration, e.g. --Collaborative:GrpcPort=6000.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(GlobalOptions options)
    {
        var command = new Command("serve", "Run the host: gRPC (host.proto) on the configured port, the programme's grains and store, the plugin supervisor. What `collab` with no arguments does.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, _) =>
        {
            var args = parse.UnmatchedTokens.ToList();
            if (parse.GetValue(options.DataDirectory) is { Length: > 0 } dataDirectory)
            {
                args.Add($"--{CollaborativeHostOptions.Section}:DataDirectory={Path.GetFullPath(dataDirectory)}");
            }

            await RunAsync([.. args]);
            return ExitCodes.Ok;
        });
        return command;
    }

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCollaborativeHost();

        var app = builder.Build();
        app.MapCollaborativeHost();
        await app.RunAsync();
    }
}
