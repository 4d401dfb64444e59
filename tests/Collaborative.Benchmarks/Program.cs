using Collaborative.Benchmarks;

// dotnet run -c Release --project tests/Collaborative.Benchmarks -- <subcommand> [options]
return await Subcommands.RunAsync(args);
