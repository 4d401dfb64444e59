namespace Collaborative.Host.Plugins;

/// <summary>Where a plugin is in its life, as leaders and operators see it.</summary>
public enum PluginState
{
    Starting,
    Healthy,
    Unhealthy,
    Restarting,
    /// <summary>Gave up after too many restarts; its last observations stay.</summary>
    Failed,
    Stopped,
    /// <summary>Cannot run on this machine (its command is missing, or it said a prerequisite is); not restarted.</summary>
    Unavailable,
}
