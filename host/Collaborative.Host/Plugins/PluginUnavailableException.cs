namespace Collaborative.Host.Plugins;

/// <summary>
/// A plugin cannot run on this machine: its command does not exist, or it exited with
/// <see cref="Collaborative.Plugins.PluginProtocol.MissingPrerequisiteExitCode"/> naming what to install.
/// Restarting cannot help, so the supervisor reports it once and leaves it.
/// </summary>
public sealed class PluginUnavailableException(string pluginId, string reason) : PluginLaunchException(pluginId, reason);
