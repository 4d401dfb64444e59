namespace Collaborative.Host.Plugins;

/// <summary>A plugin could not be started or reached; the message says which plugin and why.</summary>
public class PluginLaunchException(string pluginId, string reason)
    : Exception($"Plugin '{pluginId}' could not be started: {reason}")
{
    public string PluginId { get; } = pluginId;

    public string Reason { get; } = reason;
}
