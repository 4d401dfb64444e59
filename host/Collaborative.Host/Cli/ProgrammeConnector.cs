using System.Net.Sockets;

namespace Collaborative.Host.Cli;

/// <summary>
/// Chooses how a verb reaches the programme: the host at the address when one answers, else the
/// embedded store. Only a refused connection means "no host": anything else (a timeout, a TLS error, a
/// refusal by the host) is an error to report, not a reason to read a store behind the host's back.
/// </summary>
internal static class ProgrammeConnector
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    public static async Task<IProgrammeClient> ConnectAsync(CliSettings settings, TextWriter status, CancellationToken cancellationToken)
    {
        if (await NothingListensAsync(settings.Address, cancellationToken))
        {
            var database = Path.Combine(settings.DataDirectory, Collaborative.Cluster.SiloBuilderExtensions.SqliteFileName);
            var fresh = File.Exists(database) ? "" : " (none yet: creating it with the configured programme)";
            await status.WriteLineAsync($"no host at {settings.Address}; reading the embedded store in {settings.DataDirectory}{fresh}");
            return await EmbeddedStore.OpenAsync(settings, cancellationToken);
        }

        await status.WriteLineAsync($"using the host at {settings.Address}");
        return new HostConnection(settings.Address, settings.Token, settings.Programme);
    }

    private static async Task<bool> NothingListensAsync(string address, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Port <= 0)
        {
            throw new CliUsageException($"--address '{address}' is not an http:// or https:// address with a port, e.g. http://127.0.0.1:5310.");
        }

        using var probe = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            await probe.ConnectAsync(uri.Host, uri.Port, timeout.Token);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (SocketException ex)
        {
            throw new CliUsageException($"cannot reach {address}: {ex.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliUsageException($"no answer from {address} within {ProbeTimeout.TotalSeconds:0} s.");
        }
    }
}
