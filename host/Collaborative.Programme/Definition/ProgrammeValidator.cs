using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Collaborative.Programme.Alignment;

namespace Collaborative.Programme.Definition;

/// <summary>
/// The semantic checks a programme must pass, whether it came from a file or from the API: required
/// fields, id syntax, duplicate ids and every cross-reference. Collects every error, so one round trip
/// shows everything to fix. Paths use the programme file's field names ("goals[2].co_owners[0]").
/// </summary>
public static partial class ProgrammeValidator
{
    /// <summary>Stable ids travel in URLs, grain keys and findings, so they are kept plain.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex IdPattern();

    /// <summary>Whether an id is plain enough for URLs, grain keys and findings.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static ImmutableArray<ProgrammeError> Validate(ProgrammeDefinition programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var errors = ImmutableArray.CreateBuilder<ProgrammeError>();
        void Error(string path, string message) => errors.Add(new ProgrammeError { Path = path, Message = message });

        RequireId(programme.Id, "id", "programme", Error);
        Require(programme.Name, "name", Error);
        Require(programme.SharedPurpose, "shared_purpose", Error);

        var partners = new Dictionary<string, PartnerOrganisation>(StringComparer.Ordinal);
        for (var i = 0; i < programme.Partners.Length; i++)
        {
            var partner = programme.Partners[i];
            var path = $"partners[{i}]";
            RequireId(partner.Id, path + ".id", "partner", Error);
            Require(partner.Name, path + ".name", Error);
            Unique(partners, partner.Id, partner, path + ".id", "partner", Error);
            var services = new HashSet<string>(StringComparer.Ordinal);
            for (var s = 0; s < partner.Services.Length; s++)
            {
                var service = partner.Services[s];
                var servicePath = $"{path}.services[{s}]";
                RequireId(service.Id, servicePath + ".id", "service", Error);
                Require(service.Name, servicePath + ".name", Error);
                if (service.Id.Length > 0 && !services.Add(service.Id))
                {
                    Error(servicePath + ".id", $"partner '{partner.Id}' has two services with id '{service.Id}'");
                }
            }
        }

        var measures = new Dictionary<string, Measure>(StringComparer.Ordinal);
        for (var i = 0; i < programme.Measures.Length; i++)
        {
            var measure = programme.Measures[i];
            var path = $"measures[{i}]";
            RequireId(measure.Id, path + ".id", "measure", Error);
            Require(measure.Name, path + ".name", Error);
            Require(measure.Unit, path + ".unit", Error);
            Require(measure.Definition, path + ".definition", Error);
            Unique(measures, measure.Id, measure, path + ".id", "measure", Error);
        }

        var goalIds = new Dictionary<string, SharedGoal>(StringComparer.Ordinal);
        foreach (var (goal, i) in programme.Goals.Select((g, i) => (g, i)))
        {
            Unique(goalIds, goal.Id, goal, $"goals[{i}].id", "goal", Error);
        }

        var communities = new Dictionary<string, ClinicalCommunity>(StringComparer.Ordinal);
        for (var i = 0; i < programme.Communities.Length; i++)
        {
            var community = programme.Communities[i];
            var path = $"communities[{i}]";
            RequireId(community.Id, path + ".id", "community", Error);
            Require(community.Name, path + ".name", Error);
            Unique(communities, community.Id, community, path + ".id", "community", Error);
            References(community.Members, partners, $"{path}.members", $"community '{community.Id}' names member",
                "a partner in the programme", Error);
            References(community.Goals, goalIds, $"{path}.goals", $"community '{community.Id}' names goal",
                "a shared goal in the programme", Error);
        }

        var changeIdeas = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < programme.Goals.Length; i++)
        {
            ValidateGoal(programme.Goals[i], $"goals[{i}]", partners, measures, communities, Error);
            if (programme.Goals[i].DriverDiagram is { } diagram)
            {
                ValidateDriverDiagram(diagram, programme.Goals[i].Id, $"goals[{i}].driver_diagram", partners, measures, changeIdeas, Error);
            }
        }

        var principles = new Dictionary<string, Principle>(StringComparer.Ordinal);
        for (var i = 0; i < programme.Principles.Length; i++)
        {
            var principle = programme.Principles[i];
            var path = $"principles[{i}]";
            RequireId(principle.Id, path + ".id", "principle", Error);
            Require(principle.Title, path + ".title", Error);
            Unique(principles, principle.Id, principle, path + ".id", "principle", Error);
        }

        foreach (var missing in Principle.Defaults.Where(d => !principles.ContainsKey(d.Id)))
        {
            Error("principles", $"the default principle '{missing.Id}' ({missing.Title}) is missing; every programme keeps the five defaults");
        }

        var settings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in programme.AlignmentRules)
        {
            var path = $"alignment.rules[{setting.RuleId}]";
            var rule = BuiltInAlignmentRules.Find(setting.RuleId);
            if (rule is null)
            {
                Error(path, $"unknown alignment rule '{setting.RuleId}'; expected one of {string.Join(", ", BuiltInAlignmentRules.All.Select(r => r.Id))}");
                continue;
            }

            if (!settings.Add(setting.RuleId))
            {
                Error(path, $"alignment rule '{setting.RuleId}' is configured twice");
            }

            if (setting.Principle is not null && !principles.ContainsKey(setting.Principle))
            {
                Error(path + ".principle", $"alignment rule '{setting.RuleId}' names principle '{setting.Principle}', which is not a principle of the programme");
            }

            foreach (var (name, value) in setting.Parameters)
            {
                var parameter = rule.FindParameter(name);
                if (parameter is null)
                {
                    Error($"{path}.{name}", rule.Parameters.IsEmpty
                        ? $"alignment rule '{rule.Id}' takes no parameter '{name}'; expected enabled, severity or principle"
                        : $"alignment rule '{rule.Id}' has no parameter '{name}'; expected enabled, severity, principle or {string.Join(", ", rule.Parameters.Select(p => p.Name))}");
                }
                else if (!parameter.Range.Contains(value))
                {
                    Error($"{path}.{name}", parameter.Range.Refusal(name, value));
                }
            }
        }

        return errors.ToImmutable();
    }

    /// <summary>Throws <see cref="ProgrammeDefinitionException"/> with every error when the programme is not valid.</summary>
    public static ProgrammeDefinition EnsureValid(ProgrammeDefinition programme)
    {
        var errors = Validate(programme);
        return errors.IsEmpty ? programme : throw new ProgrammeDefinitionException(errors);
    }

    private static void ValidateGoal(
        SharedGoal goal,
        string path,
        Dictionary<string, PartnerOrganisation> partners,
        Dictionary<string, Measure> measures,
        Dictionary<string, ClinicalCommunity> communities,
        Action<string, string> error)
    {
        RequireId(goal.Id, path + ".id", "goal", error);
        Require(goal.Title, path + ".title", error);
        Require(goal.Aim.What, path + ".aim.what", error);
        var who = $"goal '{goal.Id}'";
        Measure? measure = null;
        if (Require(goal.Measure, path + ".measure", error) && !measures.TryGetValue(goal.Measure, out measure))
        {
            error(path + ".measure", $"{who} names measure '{goal.Measure}', which is not a measure in the programme");
        }

        References(goal.CoOwners, partners, path + ".co_owners", $"{who} names co-owner", "a partner in the programme", error);
        References(goal.Communities, communities, path + ".communities", $"{who} names community", "a clinical community in the programme", error);
        for (var t = 0; t < goal.Team.Length; t++)
        {
            var member = goal.Team[t];
            if (!partners.TryGetValue(member.Partner, out var partner))
            {
                error($"{path}.team[{t}]", $"{who} names team service '{member}', but '{member.Partner}' is not a partner in the programme");
            }
            else if (partner.Services.All(s => s.Id != member.Service))
            {
                error($"{path}.team[{t}]", $"{who} names team service '{member}', but partner '{partner.Id}' has no service '{member.Service}'; it has {DescribeServices(partner)}");
            }
        }

        Leader(goal.ExecutiveSponsor, path + ".executive_sponsor", who, "executive sponsor", partners, error);
        InRange(goal.Target, ProgrammeLimits.MeasureValue, path + ".target", error);
        Leader(goal.ClinicalLead, path + ".clinical_lead", who, "clinical lead", partners, error);

        if (goal.Baseline is { } baseline)
        {
            InRange(baseline.Periods, ProgrammeLimits.BaselinePeriods, path + ".baseline.periods", error);
            InRange(baseline.Value, ProgrammeLimits.MeasureValue, path + ".baseline.value", error);

            if (measure is not null && baseline.From is { } from && from.Kind != measure.Period)
            {
                error(path + ".baseline.from", $"{who} starts its baseline with a {from.Kind.ToString().ToLowerInvariant()} but measure '{measure.Id}' is counted by {measure.Period.ToString().ToLowerInvariant()}");
            }
        }

        for (var c = 0; c < goal.Changes.Length; c++)
        {
            var change = goal.Changes[c];
            var changePath = $"{path}.changes[{c}]";
            if (measure is not null && change.Period.Kind != measure.Period)
            {
                error(changePath + ".period", $"{who} declares a change in a {change.Period.Kind.ToString().ToLowerInvariant()} but measure '{measure.Id}' is counted by {measure.Period.ToString().ToLowerInvariant()}");
            }

            if (c > 0 && change.Period <= goal.Changes[c - 1].Period)
            {
                error(changePath + ".period", $"{who} declares changes out of order: {change.Period.Label} is not after {goal.Changes[c - 1].Period.Label}");
            }

            InRange(change.BaselinePeriods, ProgrammeLimits.BaselinePeriods, changePath + ".baseline_periods", error);
        }
    }

    /// <summary>
    /// Driver ids are unique in their diagram; change idea ids in the whole programme, because PDSA cycles
    /// name an idea by its id alone.
    /// </summary>
    private static void ValidateDriverDiagram(
        DriverDiagram diagram,
        string goalId,
        string path,
        Dictionary<string, PartnerOrganisation> partners,
        Dictionary<string, Measure> measures,
        Dictionary<string, string> changeIdeas,
        Action<string, string> error)
    {
        var who = $"goal '{goalId}'";
        var drivers = new HashSet<string>(StringComparer.Ordinal);
        Count(diagram.PrimaryDrivers.Length, ProgrammeLimits.MaxPrimaryDrivers, path + ".primary_drivers", "primary drivers", error);
        for (var p = 0; p < diagram.PrimaryDrivers.Length; p++)
        {
            var primary = diagram.PrimaryDrivers[p];
            var primaryPath = $"{path}.primary_drivers[{p}]";
            Driver(primary.Id, primary.Title, primaryPath);
            Count(primary.SecondaryDrivers.Length, ProgrammeLimits.MaxSecondaryDrivers, primaryPath + ".secondary_drivers", "secondary drivers", error);
            for (var s = 0; s < primary.SecondaryDrivers.Length; s++)
            {
                var secondary = primary.SecondaryDrivers[s];
                var secondaryPath = $"{primaryPath}.secondary_drivers[{s}]";
                Driver(secondary.Id, secondary.Title, secondaryPath);
                Count(secondary.ChangeIdeas.Length, ProgrammeLimits.MaxChangeIdeas, secondaryPath + ".change_ideas", "change ideas", error);
                for (var c = 0; c < secondary.ChangeIdeas.Length; c++)
                {
                    var idea = secondary.ChangeIdeas[c];
                    var ideaPath = $"{secondaryPath}.change_ideas[{c}]";
                    RequireId(idea.Id, ideaPath + ".id", "change idea", error);
                    Require(idea.Title, ideaPath + ".title", error);
                    if (!string.IsNullOrWhiteSpace(idea.Id) && !changeIdeas.TryAdd(idea.Id, goalId))
                    {
                        error(ideaPath + ".id", changeIdeas[idea.Id] == goalId
                            ? $"duplicate change idea id '{idea.Id}'"
                            : $"duplicate change idea id '{idea.Id}'; goal '{changeIdeas[idea.Id]}' has a change idea with that id, and cycles name ideas by id alone");
                    }

                    if (idea.Measure is { } measure && !measures.ContainsKey(measure))
                    {
                        error(ideaPath + ".measure", $"change idea '{idea.Id}' of {who} names process measure '{measure}', which is not a measure in the programme");
                    }

                    References(idea.Owners, partners, ideaPath + ".owners", $"change idea '{idea.Id}' of {who} names owner", "a partner in the programme", error);
                }
            }
        }

        void Driver(string id, string title, string driverPath)
        {
            RequireId(id, driverPath + ".id", "driver", error);
            Require(title, driverPath + ".title", error);
            if (!string.IsNullOrWhiteSpace(id) && !drivers.Add(id))
            {
                error(driverPath + ".id", $"duplicate driver id '{id}' in the driver diagram of {who}");
            }
        }
    }

    private static void Count(int count, int maximum, string path, string what, Action<string, string> error)
    {
        if (count > maximum)
        {
            error(path, $"{count} {what}; a driver diagram keeps to at most {maximum} here, so a team can hold it in mind");
        }
    }

    private static void InRange(double? value, SettingRange range, string path, Action<string, string> error)
    {
        if (value is { } set && !range.Contains(set))
        {
            error(path, range.Refusal(path[(path.LastIndexOf('.') + 1)..], set));
        }
    }

    private static void Leader(Leader? leader, string path, string who, string role,
        Dictionary<string, PartnerOrganisation> partners, Action<string, string> error)
    {
        if (leader is null)
        {
            return;
        }

        Require(leader.Name, path + ".name", error);
        if (Require(leader.Partner, path + ".partner", error) && !partners.ContainsKey(leader.Partner))
        {
            error(path + ".partner", $"{who} names {role} '{leader.Name}' of partner '{leader.Partner}', which is not a partner in the programme");
        }
    }

    private static string DescribeServices(PartnerOrganisation partner) =>
        partner.Services.IsEmpty ? "no services" : string.Join(", ", partner.Services.Select(s => s.Id));

    private static void References<T>(ImmutableArray<string> ids, Dictionary<string, T> known, string path,
        string subject, string expected, Action<string, string> error)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (!known.ContainsKey(ids[i]))
            {
                error($"{path}[{i}]", $"{subject} '{ids[i]}', which is not {expected}");
            }
            else if (!seen.Add(ids[i]))
            {
                error($"{path}[{i}]", $"{subject} '{ids[i]}' twice");
            }
        }
    }

    private static bool Require(string? value, string path, Action<string, string> error)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        error(path, $"missing required field '{path[(path.LastIndexOf('.') + 1)..]}'");
        return false;
    }

    private static void RequireId(string? id, string path, string kind, Action<string, string> error)
    {
        if (Require(id, path, error) && !IdPattern().IsMatch(id!))
        {
            error(path, $"'{id}' is not a valid {kind} id; use lower-case letters, digits, '.', '-' and '_', starting with a letter or digit");
        }
    }

    private static void Unique<T>(Dictionary<string, T> seen, string id, T item, string path, string kind, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return;
        }

        if (!seen.TryAdd(id, item))
        {
            error(path, $"duplicate {kind} id '{id}'");
        }
    }
}
