using System.Text;
using Collaborative.Programme.Spc;
using static Collaborative.Host.Dashboard.HtmlText;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>One goal: its aim and people, the live XmR chart, the modules that feed it, its alignment findings.</summary>
internal static class GoalPage
{
    public static string Render(Contract.ProgrammeView programme, Contract.GoalView goal, Contract.GoalProgress progress, IReadOnlyList<Contract.PluginStatusView> plugins, IReadOnlyList<Contract.AlignmentFinding> findings)
    {
        var measure = programme.Measures.FirstOrDefault(m => m.Id == goal.MeasureId);
        var partnerNames = programme.Partners.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
        var owners = string.Join(", ", goal.CoOwners.Select(o => partnerNames.GetValueOrDefault(o, o)));
        var html = new StringBuilder();
        html.Append($"""
            <article class="goal" data-goal="{E(goal.Id)}">
            <h1>{E(goal.Title)}</h1>
            <p class="aim">{E(GoalCardHtml.Aim(goal))}</p>
            <dl class="people">
            <div><dt>Measure</dt><dd>{E(measure?.Name ?? goal.MeasureId)} ({E(measure?.Unit)}, per {E(measure?.Period)})</dd></div>
            <div><dt>Co-owners</dt><dd>{E(owners)}</dd></div>
            {(goal.ExecutiveSponsor.Length > 0 ? $"<div><dt>Executive sponsor</dt><dd>{E(goal.ExecutiveSponsor)}</dd></div>" : "")}
            {(goal.ClinicalLead.Length > 0 ? $"<div><dt>Clinical lead</dt><dd>{E(goal.ClinicalLead)}</dd></div>" : "")}
            </dl>
            <section id="progress" class="progress" aria-live="polite" data-live="/goals/{U(goal.Id)}/events?after={E(LiveProgressStream.Version(progress))}">
            {ProgressSection(progress)}
            </section>
            """);

        html.Append("""<section class="modules" aria-labelledby="modules-h"><h2 id="modules-h">Contributing modules</h2>""");
        var module = measure?.Module ?? "";
        if (module.Length == 0)
        {
            html.Append("<p>No module reports this measure: partners report it through the host's API.</p>");
        }
        else
        {
            var status = plugins.FirstOrDefault(p => p.Id == module);
            html.Append(status is null
                ? $"""<p>Module <strong>{E(module)}</strong> reports this measure; the host does not supervise it (no manifest), so its observations arrive through the API.</p>"""
                : $"""<ul><li data-module="{E(status.Id)}"><strong>{E(status.Name)}</strong> ({E(status.PartnerOrganisation)}): {E(status.State)}, breaker {E(status.Breaker)}, last observation {E(When(status.LastObservationAt?.ToDateTimeOffset()))}. <a href="/plugins">All modules</a></li></ul>""");
        }

        html.Append("</section>");
        html.Append("""<section class="goal-findings" aria-labelledby="findings-h"><h2 id="findings-h">Alignment findings for this goal</h2>""");
        html.Append(findings.Count == 0 ? "<p>None: the goal meets every alignment rule that applies to it.</p>" : FindingsHtml.List(findings));
        html.Append("</section></article>");
        return html.ToString();
    }

    /// <summary>The part that changes with each observation: icons, latest against target, the chart and its data. Sent whole over the live stream.</summary>
    public static string ProgressSection(Contract.GoalProgress progress)
    {
        var html = new StringBuilder();
        html.Append($"""<div class="icons">{SpcIconHtml.Variation(progress)}{SpcIconHtml.Assurance(progress)}</div>""");
        html.Append(GoalCardHtml.Latest(progress));
        html.Append($"""<figure class="chart" data-sequence="{progress.ObservationSequence}">{XmrChartSvg.Render(progress)}<figcaption><span class="readout" aria-live="polite">Hover over or focus a point to read its period and value.</span>{Legend()}</figcaption></figure>""");
        foreach (var segment in progress.Segments.Where(s => !s.HasLimits && s.NoLimitsReason.Length > 0))
        {
            html.Append($"""<p class="no-limits">No process limits for {E(segment.FromPeriod)} to {E(segment.ToPeriod)}: {E(segment.NoLimitsReason)}</p>""");
        }

        html.Append("""<details class="data"><summary>The data</summary><table><thead><tr><th scope="col">Period</th><th scope="col">Value</th><th scope="col">Moving range</th><th scope="col">Variation</th></tr></thead><tbody>""");
        foreach (var point in progress.Points)
        {
            var (cause, _) = XmrChartSvg.Cause(point);
            var signals = point.Signals.Count > 0 ? $" ({string.Join(", ", point.Signals)})" : "";
            html.Append($"""<tr><td>{E(point.Period)}</td><td>{E(N(point.Value))}</td><td>{(point.HasMovingRange ? E(N(point.MovingRange)) : "")}</td><td>{E(cause + signals)}</td></tr>""");
        }

        html.Append("</tbody></table></details>");
        return html.ToString();
    }

    private static string Legend() => $"""
        <ul class="legend">
        <li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill="{SpcColours.Improvement}"/></svg> special cause improvement</li>
        <li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill="{SpcColours.Concern}"/></svg> special cause concern</li>
        <li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill="{SpcColours.Neutral}"/></svg> special cause, neutral</li>
        <li><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" r="6" fill="{SpcColours.CommonCause}"/></svg> common cause</li>
        <li><svg width="24" height="14" aria-hidden="true"><line x1="0" y1="7" x2="24" y2="7" stroke="#212b32" stroke-width="2"/></svg> mean</li>
        <li><svg width="24" height="14" aria-hidden="true"><line x1="0" y1="7" x2="24" y2="7" stroke="#4c6272" stroke-width="2" stroke-dasharray="6 4"/></svg> process limits</li>
        <li><svg width="24" height="14" aria-hidden="true"><line x1="0" y1="7" x2="24" y2="7" stroke="#d5281b" stroke-width="2" stroke-dasharray="10 4"/></svg> target</li>
        </ul>
        """;
}
