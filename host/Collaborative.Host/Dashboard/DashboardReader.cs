using System.Collections.Concurrent;
using Collaborative.Grains.Abstractions;
using Collaborative.Host.Access;
using Collaborative.Host.Dashboard.Method;
using Collaborative.Host.Plugins;
using Collaborative.Host.Programme;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>What the pages show, read through the same <see cref="ProgrammeOffice"/> as the gRPC API and mapped by <see cref="ContractMapping"/>, so both say the same.</summary>
internal sealed class DashboardReader(ProgrammeOffice office, ProgrammeModules modules, PluginSupervisor plugins, TimeProvider time)
{
    // Each programme's view, mapped once per programme version: the portfolio maps every programme on every view.
    private readonly ConcurrentDictionary<string, (long Version, Contract.ProgrammeView View)> _views = new(StringComparer.Ordinal);

    // Each programme's goals with their progress, kept with the programme version and the measure sequence each goal's
    // progress was computed at: a goal's progress follows from its definition and its measure's observations alone.
    private readonly ConcurrentDictionary<string, GoalsRead> _progress = new(StringComparer.Ordinal);

    /// <summary>
    /// Every programme <paramref name="reader"/> may use, in the deployment's order (the default first), each read
    /// side by side: a portfolio of ten programmes costs about as long as its slowest programme, not their sum.
    /// </summary>
    public async Task<IReadOnlyList<PortfolioEntry>> PortfolioAsync(AccessPrincipal reader, CancellationToken cancellationToken)
    {
        var portfolio = await office.PortfolioAsync();
        var shown = portfolio.Programmes.Where(p => reader.MayUseProgramme(p.ProgrammeId)).ToList();
        return await Task.WhenAll(shown.Select(async scope =>
        {
            var isDefault = scope == portfolio.Default;
            try
            {
                var programme = await office.ProgrammeAsync(scope);
                var (goals, alignment) = await GoalsAndAlignmentAsync(programme, reader, cancellationToken);
                return new PortfolioEntry(scope.ProgrammeId, programme.Definition.Name, isDefault, goals, alignment.Errors, alignment.Warnings);
            }
            catch (ProgrammeDefinitionException ex)
            {
                return new PortfolioEntry(scope.ProgrammeId, scope.ProgrammeId, isDefault, [], 0, 0, ex.Message);
            }
        }));
    }

    /// <summary>
    /// The programmes <paramref name="reader"/> may open, in the deployment's order (the default first), each with its
    /// name (its id when this host refuses its definition): the way on from a page the reader cannot see.
    /// </summary>
    public async Task<IReadOnlyList<(string ProgrammeId, string Name)>> OpenableAsync(AccessPrincipal reader)
    {
        var portfolio = await office.PortfolioAsync();
        return await Task.WhenAll(portfolio.Programmes.Where(p => reader.MayUseProgramme(p.ProgrammeId)).Select(async scope =>
        {
            try
            {
                return (scope.ProgrammeId, (await office.ProgrammeAsync(scope)).Definition.Name);
            }
            catch (ProgrammeDefinitionException)
            {
                return (scope.ProgrammeId, scope.ProgrammeId);
            }
        }));
    }

    /// <summary>The named programme (null: the default); see <see cref="ProgrammeOffice.ScopeAsync"/> for what it throws.</summary>
    public Task<ProgrammeSnapshot> ProgrammeAsync(string? programmeId = null) => office.ProgrammeAsync(programmeId);

    /// <summary>The programme as it is now.</summary>
    public Task<ProgrammeSnapshot> ProgrammeAsync(ProgrammeScope scope) => office.ProgrammeAsync(scope);

    /// <summary>The programme's improvement method records (see <see cref="ProgrammeOffice.MethodAsync"/>).</summary>
    public Task<ProgrammeMethod> MethodAsync(ProgrammeSnapshot programme) => office.MethodAsync(programme);

    /// <summary>A write from a dashboard form (see <see cref="ProgrammeOffice.WriteMethodAsync"/> for what it throws).</summary>
    public Task<Contract.MethodWriteResponse> WriteMethodAsync(ProgrammeScope scope, Contract.MethodWrite write, Contract.MethodAuthor author) =>
        office.WriteMethodAsync(scope, write, author);

    public Contract.ProgrammeView View(ProgrammeSnapshot programme)
    {
        var key = programme.Scope.GrainKey;
        if (_views.TryGetValue(key, out var kept) && kept.Version == programme.Version)
        {
            return kept.View;
        }

        var view = ContractMapping.ToView(programme);
        _views[key] = (programme.Version, view);
        return view;
    }

    /// <summary>The ids of the goals <paramref name="reader"/> may see (a partner: those its organisation co-owns).</summary>
    public static IReadOnlySet<string> ReadableGoalIds(ProgrammeSnapshot programme, AccessPrincipal reader) =>
        programme.Definition.Goals.Where(g => ProgrammeAccess.CanReadGoal(reader, g.CoOwners)).Select(g => g.Id).ToHashSet(StringComparer.Ordinal);

    /// <summary>The goals <paramref name="reader"/> may see, in the programme's order, each with its progress (read side by side).</summary>
    public async Task<IReadOnlyList<(Contract.GoalView Goal, Contract.GoalProgress Progress)>> ReadableProgressAsync(ProgrammeSnapshot programme, AccessPrincipal reader) =>
        Readable(await AllProgressAsync(programme, await office.SequencesAsync(programme)), reader);

    /// <summary>
    /// The goals <paramref name="reader"/> may see with their progress, and the programme's alignment summary, over one
    /// read of the measures' sequences: each measure is asked once for both.
    /// </summary>
    public async Task<(IReadOnlyList<(Contract.GoalView Goal, Contract.GoalProgress Progress)> Goals, AlignmentSummary Alignment)> GoalsAndAlignmentAsync(
        ProgrammeSnapshot programme, AccessPrincipal reader, CancellationToken cancellationToken)
    {
        var sequences = await office.SequencesAsync(programme);
        var goals = AllProgressAsync(programme, sequences);
        var alignment = await modules.EvaluateAlignmentAsync(programme, sequences, Today, cancellationToken);
        return (Readable(await goals, reader), alignment);
    }

    private static IReadOnlyList<(Contract.GoalView Goal, Contract.GoalProgress Progress)> Readable(IReadOnlyList<(Contract.GoalView Goal, Contract.GoalProgress Progress)> goals, AccessPrincipal reader) =>
        [.. goals.Where(g => ProgrammeAccess.CanReadGoal(reader, g.Goal.CoOwners))];

    /// <summary>
    /// Every goal of the programme with its progress. When neither the programme nor any of its goals' measures'
    /// <paramref name="measures"/> sequences has moved, the goals read last time are the same and are used again.
    /// </summary>
    private async Task<IReadOnlyList<(Contract.GoalView Goal, Contract.GoalProgress Progress)>> AllProgressAsync(ProgrammeSnapshot programme, MeasureSequences measures)
    {
        var goals = View(programme).Goals;
        long[] sequences = [.. programme.Definition.Goals.Select(g => measures.Of(g.Measure))];
        if (_progress.TryGetValue(programme.Scope.GrainKey, out var kept) && kept.Version == programme.Version && kept.Sequences.SequenceEqual(sequences))
        {
            return kept.Goals;
        }

        // Kept under the sequences each progress says it was computed at: one that lags its measure is read again next time.
        var progress = await Task.WhenAll(goals.Select(g => ProgressAsync(programme, g.Id)));
        IReadOnlyList<(Contract.GoalView, Contract.GoalProgress)> read = [.. goals.Zip(progress).Where(p => p.Second is not null).Select(p => (p.First, p.Second!.Value.View))];
        _progress[programme.Scope.GrainKey] = new GoalsRead(programme.Version, [.. progress.Select(p => p?.Source.ObservationSequence ?? -1)], read);
        return read;
    }

    private sealed record GoalsRead(long Version, long[] Sequences, IReadOnlyList<(Contract.GoalView Goal, Contract.GoalProgress Progress)> Goals);

    /// <summary>The goal's progress, or null when the programme has no such goal.</summary>
    public async Task<(SharedGoalProgress Source, Contract.GoalProgress View)?> ProgressAsync(ProgrammeSnapshot programme, string goalId)
    {
        try
        {
            var source = await office.ProgressAsync(programme, goalId);
            return (source, ContractMapping.ToContract(source));
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The goal's progress in the programme as it is now (its definition may have changed), or null when it has no such goal.</summary>
    public async Task<(SharedGoalProgress Source, Contract.GoalProgress View)?> ProgressAsync(ProgrammeScope scope, string goalId) =>
        await ProgressAsync(await office.ProgrammeAsync(scope), goalId);


    /// <summary>A goal's progress and the markers on its chart, or null when the programme has no such goal.</summary>
    public async Task<GoalLive?> LiveAsync(ProgrammeSnapshot programme, string goalId)
    {
        var method = MethodAsync(programme);
        var found = await ProgressAsync(programme, goalId);
        var read = await method;
        if (found is not { } progress)
        {
            return null;
        }

        return new GoalLive(progress.Source, progress.View, read, read.Snapshot.MarkersFor(progress.Source.Goal, progress.Source.Measure.Period),
            GoalCycles.Of(read, programme.Definition, progress.Source.Goal));
    }

    /// <summary>The same, for the programme's definition as it is now.</summary>
    public async Task<GoalLive?> LiveAsync(ProgrammeScope scope, string goalId) => await LiveAsync(await office.ProgrammeAsync(scope), goalId);

    /// <summary>A month's audit of the programme's method writes (UTC), oldest first.</summary>
    public Task<IReadOnlyList<Contract.MethodAuditEntry>> MethodAuditAsync(ProgrammeScope scope, int year, int month) => office.MethodAuditAsync(scope, year, month);

    public async Task<Contract.AlignmentReport> AlignmentAsync(ProgrammeSnapshot programme, CancellationToken cancellationToken) =>
        ContractMapping.ToContract(await modules.EvaluateAlignmentAsync(programme, Today, cancellationToken));

    /// <summary>Today (UTC), by the host's clock.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<ProgressWatch> WatchAsync(ProgrammeScope scope, string measureId) => office.WatchAsync(scope, measureId);

    public Task<IReadOnlyList<Contract.PluginStatusView>> PluginsAsync() => modules.PluginViewsAsync();

    public IReadOnlyList<string> ManifestErrors => plugins.ManifestErrors;
}
