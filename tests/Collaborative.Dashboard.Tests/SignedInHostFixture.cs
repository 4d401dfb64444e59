using Collaborative.Host.Tests;

namespace Collaborative.Dashboard.Tests;

/// <summary>
/// A host process on a fresh store (both sample programmes with their history and method records, seeded today) with
/// the principals a test class signs in as, and one Chromium. Each test class that writes has a host of its own.
/// </summary>
public abstract class SignedInHostFixture(params (string Name, string Role, string? Partner, string Token)[] principals) : IAsyncLifetime
{
    private readonly string _root = TestPaths.NewTemporaryDirectory();

    internal HostProcess Host { get; private set; } = null!;

    internal Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var plugins = Path.Combine(_root, "plugins");
        Directory.CreateDirectory(plugins);
        Host = await HostProcess.StartAsync(Path.Combine(_root, "data"), plugins, environment: HostProcess.Principals(principals));
        try
        {
            Chromium = await Chromium.LaunchAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed: stop the host here.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }
}
