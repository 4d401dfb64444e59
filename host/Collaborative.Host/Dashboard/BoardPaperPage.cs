using System.Text;
using static Collaborative.Host.Dashboard.HtmlText;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>Every goal the reader may see, one per printed page, for a board paper.</summary>
internal static class BoardPaperPage
{
    public static string Render(Contract.ProgrammeView programme, IReadOnlyList<Contract.GoalProgress> progress)
    {
        var html = new StringBuilder($"""<h1 class="no-print">Board paper</h1><p class="no-print">One goal per printed page. Use your browser's print (to paper or PDF).</p>""");
        var byId = progress.ToDictionary(p => p.GoalId, StringComparer.Ordinal);
        foreach (var goal in programme.Goals.Where(g => byId.ContainsKey(g.Id)))
        {
            var p = byId[goal.Id];
            html.Append($"""
                <section class="board-goal" data-goal="{E(goal.Id)}">
                <p class="board-programme">{E(programme.Name)}</p>
                <h2>{E(goal.Title)}</h2>
                <p class="aim">{E(GoalCardHtml.Aim(goal))}</p>
                <div class="icons">{SpcIconHtml.Variation(p)}{SpcIconHtml.Assurance(p)}</div>
                {GoalCardHtml.Latest(p)}
                <figure class="chart">{XmrChartSvg.Render(p)}</figure>
                </section>
                """);
        }

        return html.ToString();
    }
}
