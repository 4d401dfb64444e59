using System.CommandLine;
using Grpc.Core;

namespace Collaborative.Host.Cli;

/// <summary>
/// Runs a verb: resolves the settings, connects (host or embedded store), and turns failures into a
/// message on stderr and exit code 2, so every verb fails the same way.
/// </summary>
internal static class VerbRunner
{
    public static void SetAction(Command command, GlobalOptions options, Func<VerbContext, Task<int>> run) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, options, run, cancellationToken));

    private static async Task<int> RunAsync(ParseResult parse, GlobalOptions options, Func<VerbContext, Task<int>> run, CancellationToken cancellationToken)
    {
        var output = new CliOutput(parse.GetValue(options.Json));
        try
        {
            var settings = CliSettings.From(parse, options);
            await using var programme = await ProgrammeConnector.ConnectAsync(settings, output.Error, cancellationToken);
            return await run(new VerbContext(parse, settings, programme, output, cancellationToken));
        }
        catch (CliUsageException ex)
        {
            await output.Error.WriteLineAsync($"collab: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (RpcException ex)
        {
            var hint = ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied
                ? " Pass a token with --token or COLLAB_TOKEN."
                : "";
            await output.Error.WriteLineAsync($"collab: {ex.Status.Detail} ({ex.StatusCode}).{hint}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.Error.WriteLineAsync("collab: cancelled.");
            return ExitCodes.Usage;
        }
    }
}
