namespace Collaborative.Host.Tests;

/// <summary>
/// A test class's fixture: the real host on an empty store, so it creates the two sample programmes and their method
/// records, with a principal of each role. age-uk-bradford co-owns wishes-recorded and not fewer-hospital-deaths;
/// airedale-ft's staff system reads as a partner and writes nothing.
/// </summary>
public sealed class SampleProgrammesHost : IAsyncLifetime
{
    public const string AdminToken = "sample-admin-token";
    public const string LeaderToken = "sample-leader-token";
    public const string PartnerToken = "age-uk-bradford-token";
    public const string StaffToken = "airedale-gp-system-token";

    /// <summary>A directory of the fixture's own, removed with it.</summary>
    internal string Root { get; } = TestPaths.NewTemporaryDirectory();

    internal HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var plugins = Path.Combine(Root, "plugins");
        Directory.CreateDirectory(plugins);
        Host = await HostProcess.StartAsync(Path.Combine(Root, "data"), plugins, environment: HostProcess.Principals(
            ("Programme office", "admin", null, AdminToken),
            ("Board chair", "leader", null, LeaderToken),
            ("Age UK data team", "partner", "age-uk-bradford", PartnerToken),
            ("Airedale GP system", "staff", "airedale-ft", StaffToken)));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
