namespace Collaborative.Host.Plugins;

/// <summary>A plugin.json that cannot be used; the message names the file and the field.</summary>
public sealed class PluginManifestException(string message) : Exception(message);
