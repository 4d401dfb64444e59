namespace Collaborative.Host.Cli;

/// <summary>A mistake in how the CLI was called, or a host it cannot reach: exit code 2, with the message.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
