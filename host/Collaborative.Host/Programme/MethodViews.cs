using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Host.Access;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;

namespace Collaborative.Host.Programme;

/// <summary>
/// The improvement method as host.proto says it: driver diagrams both ways (with what an edit changed, field by
/// field, for the audit), team progress, and the records a caller may read.
/// </summary>
public static class MethodViews
{
    /// <summary>The role word of the single user of a host with no principals (and of the CLI on the embedded store).</summary>
    public const string LocalUser = "local user";

    public static DriverDiagramView ToView(DriverDiagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var view = new DriverDiagramView { Reviewed = MethodContract.Day(diagram.Reviewed) };
        foreach (var primary in diagram.PrimaryDrivers)
        {
            var primaryView = new PrimaryDriverView { Id = primary.Id, Title = primary.Title };
            foreach (var secondary in primary.SecondaryDrivers)
            {
                var secondaryView = new SecondaryDriverView { Id = secondary.Id, Title = secondary.Title };
                secondaryView.ChangeIdeas.AddRange(secondary.ChangeIdeas.Select(idea =>
                {
                    var ideaView = new ChangeIdeaView { Id = idea.Id, Title = idea.Title, Measure = idea.Measure ?? "" };
                    ideaView.Owners.AddRange(idea.Owners);
                    return ideaView;
                }));
                primaryView.SecondaryDrivers.Add(secondaryView);
            }

            view.PrimaryDrivers.Add(primaryView);
        }

        return view;
    }

    /// <summary>The diagram a message describes, as written (the programme's validator judges it); its reviewed day is the caller's to set.</summary>
    public static DriverDiagram ToDiagram(DriverDiagramView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new DriverDiagram
        {
            PrimaryDrivers = [.. view.PrimaryDrivers.Select(p => new PrimaryDriver
            {
                Id = p.Id.Trim(),
                Title = p.Title.Trim(),
                SecondaryDrivers = [.. p.SecondaryDrivers.Select(s => new SecondaryDriver
                {
                    Id = s.Id.Trim(),
                    Title = s.Title.Trim(),
                    ChangeIdeas = [.. s.ChangeIdeas.Select(i => new ChangeIdea
                    {
                        Id = i.Id.Trim(),
                        Title = i.Title.Trim(),
                        Measure = string.IsNullOrWhiteSpace(i.Measure) ? null : i.Measure.Trim(),
                        Owners = [.. i.Owners.Select(o => o.Trim())],
                    })],
                })],
            })],
        };
    }

    /// <summary>
    /// What replacing <paramref name="before"/> (null: none) with <paramref name="after"/> changed, one entry a field
    /// of the diagram ("primary_drivers[0].secondary_drivers[1].change_ideas[0].title"), as the audit keeps it.
    /// </summary>
    public static IEnumerable<FieldChange> Changes(DriverDiagram? before, DriverDiagram after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var was = before is null ? new Dictionary<string, string>() : Fields(before);
        var now = Fields(after);
        foreach (var field in now.Keys.Concat(was.Keys.Where(k => !now.ContainsKey(k))))
        {
            var old = was.GetValueOrDefault(field, "");
            var @new = now.GetValueOrDefault(field, "");
            if (old != @new)
            {
                yield return new FieldChange { Field = field, Before = old, After = @new };
            }
        }
    }

    private static Dictionary<string, string> Fields(DriverDiagram diagram)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["reviewed"] = MethodContract.Day(diagram.Reviewed) };
        for (var p = 0; p < diagram.PrimaryDrivers.Length; p++)
        {
            var primary = diagram.PrimaryDrivers[p];
            var primaryPath = $"primary_drivers[{p}]";
            fields[primaryPath + ".id"] = primary.Id;
            fields[primaryPath + ".title"] = primary.Title;
            for (var s = 0; s < primary.SecondaryDrivers.Length; s++)
            {
                var secondary = primary.SecondaryDrivers[s];
                var secondaryPath = $"{primaryPath}.secondary_drivers[{s}]";
                fields[secondaryPath + ".id"] = secondary.Id;
                fields[secondaryPath + ".title"] = secondary.Title;
                for (var c = 0; c < secondary.ChangeIdeas.Length; c++)
                {
                    var idea = secondary.ChangeIdeas[c];
                    var ideaPath = $"{secondaryPath}.change_ideas[{c}]";
                    fields[ideaPath + ".id"] = idea.Id;
                    fields[ideaPath + ".title"] = idea.Title;
                    fields[ideaPath + ".measure"] = idea.Measure ?? "";
                    fields[ideaPath + ".owners"] = string.Join("; ", idea.Owners);
                }
            }
        }

        return fields;
    }

    /// <summary>Where each goal team the caller may read stands in the month, and how many scored each level.</summary>
    public static TeamProgressView ToView(TeamProgress progress, ProgrammeDefinition programme, Func<SharedGoal, bool> readable)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(readable);
        var view = new TeamProgressView { Month = progress.Month.Label };
        var standings = progress.Standings.Where(s => programme.FindGoal(s.GoalId) is { } goal && readable(goal)).ToList();
        foreach (var standing in standings)
        {
            var standingView = new TeamStandingView
            {
                GoalId = standing.GoalId,
                GoalTitle = programme.FindGoal(standing.GoalId)!.Title,
                Current = standing.Current is { } current ? MethodContract.ToContract(current) : null,
                Previous = standing.Previous is { } previous ? MethodContract.ToContract(previous) : null,
                Movement = Word(standing.Movement),
            };
            if (standing.Change is { } change)
            {
                standingView.Change = change;
            }

            view.Standings.Add(standingView);
        }

        view.Distribution.AddRange(AssessmentScale.Levels.Select(level => new AssessmentLevelCount
        {
            Score = level.Score,
            Title = level.Title,
            Meaning = level.Meaning,
            Teams = standings.Count(s => s.Current?.Score == level.Score),
        }));
        return view;
    }

    /// <summary>not_scored, new, up, same, down.</summary>
    public static string Word(ScoreMovement movement) => movement switch
    {
        ScoreMovement.NotScored => "not_scored",
        _ => movement.ToString().ToLower(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The records of <paramref name="goalId"/> (null: every goal) that <paramref name="caller"/> may read: a partner or
    /// staff system those of the goals its organisation co-owns, and the learning events covering one of them (or no
    /// goal in particular). A new message: the records given are the office's, shared by every reader.
    /// </summary>
    public static MethodRecords Readable(MethodRecords records, ProgrammeDefinition programme, AccessPrincipal? caller, string? goalId)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(programme);
        bool Shown(string goal) =>
            (goalId is null || goal == goalId)
            && (caller is null || ProgrammeAccess.CanReadGoal(caller, programme.FindGoal(goal)?.CoOwners ?? []));
        var readable = new MethodRecords { Version = records.Version };
        readable.Cycles.AddRange(records.Cycles.Where(c => Shown(c.GoalId)));
        readable.Annotations.AddRange(records.Annotations.Where(a => Shown(a.GoalId)));
        readable.Scores.AddRange(records.Scores.Where(s => Shown(s.GoalId)));
        readable.LearningEvents.AddRange(records.LearningEvents.Where(e =>
            e.GoalIds.Any(Shown) || (e.GoalIds.Count == 0 && goalId is null)));
        return readable;
    }

    /// <summary>Who wrote, as the audit keeps it: the caller's name, role word ("local user" on a single-user host) and partner.</summary>
    public static MethodAuthor AuthorOf(AccessPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new MethodAuthor { Principal = caller.Name, Role = caller.SingleUser ? LocalUser : caller.RoleWord, Partner = caller.Partner ?? "" };
    }
}
