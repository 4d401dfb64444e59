using System.Net;
using System.Net.Sockets;

namespace Collaborative.Cli.Tests;

/// <summary>
/// An address nothing listens on, so "no host" does not depend on what else runs on this machine. A port
/// free on 127.0.0.1 a moment ago may be taken by a host another test starts in parallel (they all bind
/// 127.0.0.1); nothing binds 127.0.0.2, so a connection there is refused whatever runs meanwhile.
/// </summary>
internal static class NoHost
{
    public static string Address()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.2:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
