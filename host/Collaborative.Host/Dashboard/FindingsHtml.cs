using System.Text;
using Collaborative.Contracts.V1;
using static Collaborative.Host.Dashboard.HtmlText;

namespace Collaborative.Host.Dashboard;

/// <summary>Alignment findings as a list: what, why it matters, what to do, who raised it.</summary>
internal static class FindingsHtml
{
    public static string List(IEnumerable<AlignmentFinding> findings)
    {
        var html = new StringBuilder("""<ul class="finding-list">""");
        foreach (var f in findings)
        {
            var severity = f.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" };
            html.Append($"""<li class="finding {severity}" data-rule="{E(f.RuleId)}"><span class="severity">{severity}</span> <strong>{E(f.What)}</strong><br>Why it matters: {E(f.Why)}<br>What to do: {E(f.Action)}<br><span class="source">{E(f.RuleId)} · {E(f.SubjectKind)} {E(f.SubjectId)} · raised by {E(f.Source)}</span></li>""");
        }

        return html.Append("</ul>").ToString();
    }
}
