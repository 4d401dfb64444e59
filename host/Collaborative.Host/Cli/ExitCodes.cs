namespace Collaborative.Host.Cli;

/// <summary>The CLI's exit codes, so a pipeline can tell "found a problem" from "could not look".</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The verb worked and found a problem: an error-severity alignment finding, bad import lines.</summary>
    public const int Findings = 1;

    /// <summary>Wrong usage, unknown goal, no reachable host or store, a refused call.</summary>
    public const int Usage = 2;
}
