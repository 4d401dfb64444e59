namespace Collaborative.Plugins.Modules;

/// <summary>What the host tells a launched module through its environment, beyond the SDK's handshake variables.</summary>
public sealed record ModuleEnvironment(string DataDirectory, bool SeedDemo)
{
    /// <summary>Set to "demo" to fill an empty store with deterministic demonstration data on first start.</summary>
    public const string SeedVariable = "COLLAB_PLUGIN_SEED";

    public static bool LaunchedByHost =>
        Environment.GetEnvironmentVariable(PluginProtocol.CookieVariable) == PluginProtocol.CookieValue;

    /// <summary>The environment, or null after writing what is missing to <paramref name="errors"/>.</summary>
    public static ModuleEnvironment? Read(TextWriter errors)
    {
        var data = Environment.GetEnvironmentVariable(PluginProtocol.DataDirectoryVariable);
        if (string.IsNullOrWhiteSpace(data))
        {
            errors.WriteLine($"{PluginProtocol.DataDirectoryVariable} is not set: the host must give every module a directory for its store.");
            return null;
        }

        var seed = Environment.GetEnvironmentVariable(SeedVariable);
        if (!string.IsNullOrEmpty(seed) && seed != "demo")
        {
            errors.WriteLine($"{SeedVariable}='{seed}' is not understood: set it to 'demo' for demonstration data, or leave it unset to start empty.");
            return null;
        }

        return new ModuleEnvironment(Path.GetFullPath(data), seed == "demo");
    }
}
