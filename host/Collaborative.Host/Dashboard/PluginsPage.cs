using System.Text;
using static Collaborative.Host.Dashboard.HtmlText;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard;

/// <summary>The modules the host supervises: health, breaker, restarts, last data; and manifests it refused.</summary>
internal static class PluginsPage
{
    public static string Render(IReadOnlyList<Contract.PluginStatusView> plugins, IReadOnlyList<string> manifestErrors)
    {
        var html = new StringBuilder("<h1>Programme modules</h1>");
        if (plugins.Count == 0)
        {
            html.Append("<p>The host supervises no modules.</p>");
        }
        else
        {
            html.Append("""<div class="table-scroll"><table class="plugins"><thead><tr><th scope="col">Module</th><th scope="col">Partner</th><th scope="col">State</th><th scope="col">Breaker</th><th scope="col">Restarts</th><th scope="col">Last healthy</th><th scope="col">Last observation</th><th scope="col">Observations</th><th scope="col">Last error</th></tr></thead><tbody>""");
            foreach (var p in plugins)
            {
                html.Append($"""<tr data-plugin="{E(p.Id)}"><th scope="row">{E(p.Name)}<br><span class="id">{E(p.Id)}{(p.Pushes ? " (remote, pushes)" : p.Remote ? " (remote)" : "")}</span></th><td>{E(p.PartnerOrganisation)}</td><td class="state state-{E(p.State)}">{E(p.State)}</td><td class="breaker">{E(p.Breaker)}</td><td class="restarts">{p.Restarts}</td><td>{E(When(p.LastHealthyAt?.ToDateTimeOffset()))}</td><td class="last-observation">{E(When(p.LastObservationAt?.ToDateTimeOffset()))}</td><td>{p.ObservationsCollected}</td><td>{E(p.LastError)}</td></tr>""");
            }

            html.Append("</tbody></table></div>");
        }

        if (manifestErrors.Count > 0)
        {
            html.Append("""<h2>Manifests the host refused</h2><ul class="manifest-errors">""");
            foreach (var error in manifestErrors)
            {
                html.Append($"<li>{E(error)}</li>");
            }

            html.Append("</ul>");
        }

        return html.ToString();
    }
}
