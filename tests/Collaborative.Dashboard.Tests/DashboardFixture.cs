namespace Collaborative.Dashboard.Tests;

/// <summary>One host in single-user loopback mode, with the counter plugin and every rule's series reported, and one Chromium.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    internal DashboardHost Host { get; private set; } = null!;

    internal Chromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await DashboardHost.StartAsync(withCounterPlugin: true);
        try
        {
            await Host.ReportEveryRuleAsync();
            Chromium = await Chromium.LaunchAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed: stop the host here, or it outlives the run.
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
    }
}
