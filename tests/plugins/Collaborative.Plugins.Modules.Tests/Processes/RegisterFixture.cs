namespace Collaborative.Plugins.Modules.Tests.Processes;

/// <summary>One register process shared by the rule tests of a class (each uses its own NHS numbers).</summary>
public sealed class RegisterFixture : IAsyncLifetime
{
    internal PluginProcess Plugin { get; private set; } = null!;

    public async Task InitializeAsync() => Plugin = await PluginProcess.StartAsync("plugins/EndOfLifeRegister");

    public async Task DisposeAsync() => await Plugin.DisposeAsync();
}
