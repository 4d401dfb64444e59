using System.CommandLine;

namespace Collaborative.Host.Cli;

/// <summary>The options every verb takes (declared once on the root, recursive).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Address { get; } = new("--address")
    {
        Description = "The host's gRPC address. Default: $COLLAB_ADDRESS, else http://127.0.0.1:<configured port, 5310>.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COLLAB_ADDRESS"),
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Bearer token for a host with access control. Default: $COLLAB_TOKEN; none needed on a single-user loopback host.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COLLAB_TOKEN"),
        Recursive = true,
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Data directory of the embedded store, read when no host answers. Default: Collaborative:DataDirectory from the host's settings.",
        Recursive = true,
    };

    public Option<string?> Programme { get; } = new("--programme")
    {
        Description = "The programme to read or change (its id). Default: $COLLAB_PROGRAMME, else the deployment's default programme.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COLLAB_PROGRAMME"),
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print one JSON document for machines: no colours, no tables, no progress bar.",
        Recursive = true,
    };

    public void AddTo(Command root)
    {
        root.Options.Add(Address);
        root.Options.Add(Token);
        root.Options.Add(DataDirectory);
        root.Options.Add(Programme);
        root.Options.Add(Json);
    }
}
