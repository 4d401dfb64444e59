using Collaborative.Host.Cli;

// No verb: serve, so `dotnet run --project host/Collaborative.Host` stays the run command.
if (args.Length == 0)
{
    await ServeCommand.RunAsync(args);
    return ExitCodes.Ok;
}

return await CollabCommandLine.InvokeAsync(args);
