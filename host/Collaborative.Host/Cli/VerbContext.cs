using System.CommandLine;

namespace Collaborative.Host.Cli;

/// <summary>What a verb's action works with: its parsed arguments, the programme, where to write.</summary>
internal sealed record VerbContext(ParseResult Parse, CliSettings Settings, IProgrammeClient Programme, CliOutput Output, CancellationToken CancellationToken);
