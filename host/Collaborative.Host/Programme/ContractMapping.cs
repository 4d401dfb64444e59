using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Host.Plugins;
using Collaborative.Programme.Alignment;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Spc;
using Google.Protobuf.WellKnownTypes;
using Domain = Collaborative.Programme;

namespace Collaborative.Host.Programme;

/// <summary>Domain → host.proto messages. One place, so every surface (gRPC, CLI, dashboard) says the same.</summary>
public static class ContractMapping
{
    public static ProgrammeView ToView(ProgrammeSnapshot snapshot)
    {
        var p = snapshot.Definition;
        var view = new ProgrammeView { Id = p.Id, Name = p.Name, SharedPurpose = p.SharedPurpose, Vision = p.Vision, Version = snapshot.Version };
        view.Partners.AddRange(p.Partners.Select(partner =>
        {
            var pv = new PartnerView { Id = partner.Id, Name = partner.Name, Kind = Words(partner.Kind) };
            pv.Services.AddRange(partner.Services.Select(s => new ServiceView { Id = s.Id, Name = s.Name, Side = s.Side == ServiceSide.Clinical ? "clinical" : "corporate" }));
            return pv;
        }));
        view.Communities.AddRange(p.Communities.Select(c =>
        {
            var cv = new CommunityView { Id = c.Id, Name = c.Name, Purpose = c.Purpose };
            cv.Members.AddRange(c.Members);
            cv.Goals.AddRange(p.Goals.Where(g => p.CommunitiesOf(g).Contains(c.Id)).Select(g => g.Id));
            return cv;
        }));
        view.Goals.AddRange(p.Goals.Select(g => ToView(g, p)));
        view.Measures.AddRange(p.Measures.Select(m => new MeasureView
        {
            Id = m.Id,
            Name = m.Name,
            Unit = m.Unit,
            Definition = m.Definition,
            Numerator = m.Numerator ?? "",
            Denominator = m.Denominator ?? "",
            Period = m.Period == Domain.Periods.PeriodKind.Week ? "week" : "month",
            Improvement = Words(m.Improvement),
            Module = m.Module ?? "",
        }));
        view.Principles.AddRange(p.Principles.Select(pr => new PrincipleView { Id = pr.Id, Title = pr.Title, Description = pr.Description }));
        return view;
    }

    /// <summary>A partner organisation across the programmes, as host.proto's GetPartner says it.</summary>
    public static PartnerOrganisationView ToView(Grains.Abstractions.PartnerProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var view = new PartnerOrganisationView { Id = profile.PartnerId, Name = profile.Name, ObservationsReported = profile.ObservationsReported };
        view.Programmes.AddRange(profile.Programmes.Select(p =>
        {
            var pv = new PartnerProgrammeView { ProgrammeId = p.ProgrammeId, ProgrammeName = p.ProgrammeName };
            pv.CoOwnedGoals.AddRange(p.CoOwnedGoals);
            pv.TeamGoals.AddRange(p.TeamGoals);
            pv.Communities.AddRange(p.Communities);
            return pv;
        }));
        view.Modules.AddRange(profile.Modules);
        return view;
    }

    public static GoalView ToView(SharedGoal goal, ProgrammeDefinition programme)
    {
        var measure = programme.FindMeasure(goal.Measure);
        var view = new GoalView
        {
            Id = goal.Id,
            Title = goal.Title,
            AimWhat = goal.Aim.What,
            AimHowMuch = goal.Aim.HowMuch,
            AimByWhen = goal.Aim.ByWhen?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
            MeasureId = goal.Measure,
            Improvement = measure is null ? "none" : Words(goal.DirectionFor(measure)),
            ExecutiveSponsor = goal.ExecutiveSponsor is { } s ? $"{s.Name} ({s.Partner})" : "",
            ClinicalLead = goal.ClinicalLead is { } l ? $"{l.Name} ({l.Partner})" : "",
        };
        if (goal.Target is { } target)
        {
            view.Target = target;
        }

        view.CoOwners.AddRange(goal.CoOwners);
        view.LivedExperience.AddRange(goal.LivedExperience);
        view.Communities.AddRange(programme.CommunitiesOf(goal));
        view.Team.AddRange(goal.Team.Select(t => t.ToString()));
        if (goal.DriverDiagram is { } diagram)
        {
            view.DriverDiagram = MethodViews.ToView(diagram);
        }

        return view;
    }

    /// <summary>The view its shared goal grain computed (through <see cref="Domain.Progress.GoalProgressContract"/>).</summary>
    public static GoalProgress ToContract(SharedGoalProgress source) => source.View;

    public static AlignmentReport ToContract(AlignmentSummary summary)
    {
        var report = new AlignmentReport
        {
            Errors = summary.Errors,
            Warnings = summary.Warnings,
            Infos = summary.Infos,
            AsOf = summary.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        report.Findings.AddRange(summary.Findings);
        foreach (var principle in summary.Principles)
        {
            var ps = new PrincipleSummary { PrincipleId = principle.PrincipleId, Title = principle.Title, Errors = principle.Errors, Warnings = principle.Warnings, Infos = principle.Infos };
            ps.Findings.AddRange(principle.Findings);
            report.Principles.Add(ps);
        }

        return report;
    }

    /// <summary>A registered (pushing) module as ListPlugins shows it: remote, "registered", its reports as its observations.</summary>
    public static PluginStatusView ToContract(RegisteredModuleState module)
    {
        var view = new PluginStatusView
        {
            Id = module.Description.Id,
            Name = module.Description.Name,
            PartnerOrganisation = module.Partner,
            Remote = true,
            Pushes = true,
            State = "registered",
            ObservationsCollected = module.ObservationsReported,
        };
        if (module.LastReportAt is { } last)
        {
            view.LastObservationAt = last;
        }

        return view;
    }

    public static PluginStatusView ToContract(PluginStatus status)
    {
        var view = new PluginStatusView
        {
            Id = status.Id,
            Name = status.Name,
            PartnerOrganisation = status.PartnerOrganisation,
            Remote = status.Remote,
            State = status.State.ToString().ToLowerInvariant(),
            Breaker = status.BreakerState,
            Restarts = status.Restarts,
            LastError = status.LastError ?? "",
            ObservationsCollected = status.ObservationsCollected,
            Address = status.Address ?? "",
        };
        if (status.LastHealthyAt is { } healthy)
        {
            view.LastHealthyAt = Timestamp.FromDateTimeOffset(healthy);
        }

        if (status.LastObservationAt is { } observed)
        {
            view.LastObservationAt = Timestamp.FromDateTimeOffset(observed);
        }

        return view;
    }

    public static string Words(ImprovementDirection direction) => Domain.Progress.GoalProgressContract.Words(direction);

    private static string Words(PartnerKind kind) => kind switch
    {
        PartnerKind.MentalHealth => "mental_health",
        PartnerKind.PrimaryCare => "primary_care",
        PartnerKind.LocalAuthority => "local_authority",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
