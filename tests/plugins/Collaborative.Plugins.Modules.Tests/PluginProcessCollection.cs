namespace Collaborative.Plugins.Modules.Tests;

/// <summary>
/// Tests that launch plugin processes run one class at a time: on a 2-core machine, several .NET
/// processes starting at once make handshake times meaningless and timeouts flaky.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PluginProcessCollection
{
    public const string Name = "plugin processes";
}
