using Collaborative.Plugins;

namespace Collaborative.Host.Plugins;

/// <summary>The plugin's one stdout line, <c>CORE|APP|NETWORK|ADDRESS|grpc</c>, checked.</summary>
public sealed record PluginHandshake(int CoreVersion, int AppVersion, string Network, string Address)
{
    /// <summary>The channel address: "unix:/path" or "http://127.0.0.1:port".</summary>
    public string ChannelAddress => Network == "unix" ? "unix:" + Address : "http://" + Address;

    /// <summary>Parses and checks a handshake line; throws <see cref="PluginLaunchException"/> saying what is wrong.</summary>
    public static PluginHandshake Parse(string pluginId, string line, IReadOnlyCollection<int> hostAppVersions)
    {
        var parts = line.Trim().Split('|');
        if (parts.Length != 5)
        {
            throw new PluginLaunchException(pluginId, $"its handshake line is not CORE|APP|NETWORK|ADDRESS|grpc: '{Shorten(line)}'.");
        }

        if (!int.TryParse(parts[0], out var core))
        {
            throw new PluginLaunchException(pluginId, $"its handshake core version '{Shorten(parts[0])}' is not a number (line '{Shorten(line)}').");
        }

        if (core != PluginProtocol.CoreVersion)
        {
            throw new PluginLaunchException(pluginId, $"it speaks core protocol version {core}; this host speaks {PluginProtocol.CoreVersion}. Update the plugin or the host.");
        }

        if (!int.TryParse(parts[1], out var app) || !hostAppVersions.Contains(app))
        {
            throw new PluginLaunchException(pluginId, $"it chose app protocol version '{parts[1]}', which this host does not speak (it offered {string.Join(",", hostAppVersions)}).");
        }

        var network = parts[2];
        if (network is not ("unix" or "tcp"))
        {
            throw new PluginLaunchException(pluginId, $"its handshake network '{Shorten(network)}' is neither 'unix' nor 'tcp'.");
        }

        if (parts[4] != PluginProtocol.Protocol)
        {
            throw new PluginLaunchException(pluginId, $"its handshake protocol '{Shorten(parts[4])}' is not 'grpc'.");
        }

        var address = parts[3];
        if (network == "tcp" && !(address.StartsWith("127.", StringComparison.Ordinal) || address.StartsWith("[::1]:", StringComparison.Ordinal) || address.StartsWith("localhost:", StringComparison.Ordinal)))
        {
            throw new PluginLaunchException(pluginId, $"it listens on '{Shorten(address)}'; a local plugin must listen on loopback or a Unix socket.");
        }

        return new PluginHandshake(core, app, network, address);
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
