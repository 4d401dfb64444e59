using System.Text;
using Collaborative.Host.Access;
using static Collaborative.Host.Dashboard.HtmlText;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>The programme at a glance: purpose and vision, partners and communities, a card per goal, alignment by principle.</summary>
internal static class ProgrammePage
{
    public static string Render(Contract.ProgrammeView programme, IReadOnlyList<Contract.GoalProgress> progress, Contract.AlignmentReport alignment, AccessPrincipal reader)
    {
        var html = new StringBuilder();
        html.Append($"""
            <h1>{E(programme.Name)}</h1>
            <section class="purpose" aria-labelledby="purpose-h"><h2 id="purpose-h">Shared purpose</h2><p>{E(programme.SharedPurpose)}</p>
            {(programme.Vision.Length > 0 ? $"<h2>Vision</h2><p>{E(programme.Vision)}</p>" : "")}</section>
            """);

        var byId = progress.ToDictionary(p => p.GoalId, StringComparer.Ordinal);
        var goals = programme.Goals.Where(g => byId.ContainsKey(g.Id)).ToList();
        var scope = reader.ScopedToPartner ? $"The {goals.Count} goals {E(reader.Partner)} co-owns" : $"{goals.Count} shared goal{(goals.Count == 1 ? "" : "s")}";
        html.Append($"""<section class="goals" aria-labelledby="goals-h"><h2 id="goals-h">Shared goals</h2><p class="scope">{scope}</p><div class="cards">""");
        foreach (var goal in goals)
        {
            html.Append(GoalCardHtml.Card(goal, byId[goal.Id]));
        }

        html.Append("</div></section>");

        html.Append("""<section class="alignment" aria-labelledby="alignment-h"><h2 id="alignment-h">Alignment with our principles</h2>""");
        html.Append($"""<p>As of {E(alignment.AsOf)}: {alignment.Errors} errors, {alignment.Warnings} warnings, {alignment.Infos} notes.</p>""");
        html.Append("""<table class="principles"><thead><tr><th scope="col">Principle</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Notes</th></tr></thead><tbody>""");
        foreach (var principle in alignment.Principles)
        {
            html.Append($"""<tr data-principle="{E(principle.PrincipleId)}"><th scope="row">{E(principle.Title)}</th><td>{principle.Errors}</td><td>{principle.Warnings}</td><td>{principle.Infos}</td></tr>""");
        }

        html.Append("</tbody></table>");
        foreach (var principle in alignment.Principles.Where(p => p.Findings.Count > 0))
        {
            html.Append($"""<details class="findings"><summary>{E(principle.Title)}: {principle.Findings.Count} finding{(principle.Findings.Count == 1 ? "" : "s")}</summary>{FindingsHtml.List(principle.Findings)}</details>""");
        }

        html.Append("</section>");

        html.Append("""<section class="partners" aria-labelledby="partners-h"><h2 id="partners-h">Partners</h2><ul class="partner-list">""");
        foreach (var partner in programme.Partners)
        {
            var clinical = partner.Services.Count(s => s.Side == "clinical");
            var corporate = partner.Services.Count - clinical;
            html.Append($"""<li data-partner="{E(partner.Id)}"><strong>{E(partner.Name)}</strong> <span class="kind">{E(partner.Kind.Replace('_', ' '))}</span> <span class="services">{clinical} clinical, {corporate} corporate services</span></li>""");
        }

        html.Append("</ul></section>");

        if (programme.Communities.Count > 0)
        {
            var partnerNames = programme.Partners.ToDictionary(p => p.Id, p => p.Name, StringComparer.Ordinal);
            var goalTitles = programme.Goals.ToDictionary(g => g.Id, g => g.Title, StringComparer.Ordinal);
            html.Append("""<section class="communities" aria-labelledby="communities-h"><h2 id="communities-h">Clinical communities</h2><ul>""");
            foreach (var community in programme.Communities)
            {
                var members = string.Join(", ", community.Members.Select(m => partnerNames.GetValueOrDefault(m, m)));
                var goalsOf = string.Join(", ", community.Goals.Select(g => goalTitles.GetValueOrDefault(g, g)));
                html.Append($"""<li><strong>{E(community.Name)}</strong>: {E(community.Purpose)}<br><span class="members">Members: {E(members)}</span>{(goalsOf.Length > 0 ? $"<br><span class=\"members\">Goals: {E(goalsOf)}</span>" : "")}</li>""");
            }

            html.Append("</ul></section>");
        }

        return html.ToString();
    }
}
