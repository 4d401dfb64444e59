using System.CommandLine;
using Collaborative.Programme.Definition;
using Grpc.Core;

namespace Collaborative.Host.Cli;

/// <summary>
/// Runs a verb: resolves the settings, connects (host or embedded store), and turns failures into a
/// message on stderr and exit code 2, so every verb fails the same way: the one place a refused
/// programme file becomes its errors, one per line, and exit code 2.
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
        catch (ProgrammeDefinitionException ex)
        {
            // A refused programme file is bad input, not a crash: each error as file:line:column, so an editor can jump to it.
            await output.Error.WriteLineAsync($"collab: the programme definition was refused ({ex.Errors.Length} error{(ex.Errors.Length == 1 ? "" : "s")}):");
            foreach (var error in ex.Errors)
            {
                await output.Error.WriteLineAsync(error.ToString());
            }

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
