namespace Collaborative.Host.Dashboard;

/// <summary>
/// The dashboard's stylesheet and its one small script, compiled in as text: no Node build, no files
/// to deploy beside the host. The script only adds live updates and the focus readout; every page
/// works without it (and without blazor.web.js, whose enhanced navigation and forms it survives).
/// </summary>
internal static class DashboardAssets
{
    public const string CssPath = "/assets/dashboard.css";
    public const string ScriptPath = "/assets/dashboard.js";

    public const string Css = """
        :root { --ink: #212b32; --muted: #4c6272; --rule: #d8dde0; --bg: #f0f4f5; --link: #005eb8; --card: #ffffff; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: Arial, Helvetica, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.45; font-size: 16px; }
        a { color: var(--link); }
        a:focus, button:focus, input:focus, summary:focus { outline: 3px solid #ffeb3b; outline-offset: 0; box-shadow: 0 4px 0 #212b32; }
        .masthead { background: #005eb8; color: #fff; padding: .6rem 1rem; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; }
        .masthead a { color: #fff; margin-right: 1rem; font-weight: 700; }
        .masthead a[aria-current=page] { text-decoration: underline 3px; }
        .programme-name { margin: 0; font-weight: 700; flex: 1 1 16rem; }
        .session { display: flex; gap: .5rem; align-items: center; font-size: .9rem; }
        .sign-out button { font-size: .85rem; }
        main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.8rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.35rem; margin: 1.5rem 0 .5rem; }
        section, .goal-card { background: var(--card); }
        section { padding: .75rem 1rem; margin-bottom: 1rem; border-radius: 4px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 1rem; }
        .goal-card { border: 1px solid var(--rule); border-left: 6px solid #005eb8; padding: .75rem 1rem; border-radius: 4px; }
        .goal-card h3 { margin: 0 0 .25rem; font-size: 1.15rem; }
        .aim { color: var(--muted); margin: .25rem 0 .5rem; }
        .icons { display: flex; flex-wrap: wrap; gap: .5rem 1rem; margin: .5rem 0; }
        .icon { display: inline-flex; align-items: center; gap: .4rem; max-width: 22rem; font-size: .9rem; }
        .icon-mark { flex: none; }
        dl.latest, dl.people, dl.team-score { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: .5rem 0; }
        dl div { min-width: 8rem; }
        dt { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
        dd { margin: 0; font-weight: 700; }
        .target-met { color: #007f3b; }
        .target-not-met { color: #b3460a; }
        .chart { margin: .5rem 0; overflow-x: auto; }
        .chart svg.xmr { width: 100%; min-width: 34rem; height: auto; display: block; background: #fff; }
        .xmr .point:focus { outline: none; stroke: #212b32; stroke-width: 3; }
        .xmr .point:hover { stroke: #212b32; stroke-width: 2; }
        figcaption { font-size: .9rem; }
        /* The chart scrolls inside its box on a phone; its caption stays in view. */
        .chart figcaption { position: sticky; left: 0; max-width: calc(100vw - 2rem); }
        .readout { display: block; min-height: 1.4em; font-weight: 700; margin: .25rem 0; }
        .legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
        .legend svg { vertical-align: middle; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
        .table-scroll { overflow-x: auto; }
        .finding-list { padding-left: 1.2rem; }
        .finding { margin-bottom: .6rem; }
        .finding .severity { font-weight: 700; text-transform: uppercase; font-size: .75rem; padding: .05rem .35rem; border: 1px solid currentColor; }
        .finding.error .severity { color: #d5281b; }
        .finding.warning .severity { color: #b3460a; }
        .source, .id, .kind, .services, .members { color: var(--muted); font-size: .85rem; }
        .state-healthy { color: #007f3b; font-weight: 700; }
        .state-failed, .state-unhealthy, .state-unavailable { color: #d5281b; font-weight: 700; }
        .state-registered { color: #005eb8; font-weight: 700; }
        p.error { color: #d5281b; font-weight: 700; }
        .sign-in { display: grid; gap: .5rem; max-width: 24rem; }
        .sign-in input, .sign-in button { font-size: 1rem; padding: .5rem; }
        /* The improvement method's forms: each error beside its field (red rule, bold text) and summarised above. */
        .method-form { border-top: 1px solid var(--rule); padding-top: .5rem; }
        .method-form form { display: grid; gap: .75rem; max-width: 40rem; }
        .method-form .field { display: grid; gap: .25rem; margin: 0; border: 0; padding: 0; min-width: 0; }
        .method-form .field-row { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; }
        .method-form label, .method-form legend { font-weight: 700; }
        .method-form .check label { font-weight: 400; }
        .method-form input, .method-form select, .method-form textarea, .method-form button { font-size: 1rem; padding: .4rem; font-family: inherit; max-width: 100%; }
        .method-form select { width: 100%; }
        .method-form button { justify-self: start; }
        .method-form .hint { color: var(--muted); font-size: .9rem; }
        .method-form [aria-invalid=true] { border: 2px solid #d5281b; }
        .field-error { color: #d5281b; font-weight: 700; margin: 0; }
        .field-error span { display: block; }
        .error-summary { border: 4px solid #d5281b; padding: .5rem 1rem; margin: .5rem 0; }
        .error-summary-title { font-weight: 700; margin: 0 0 .25rem; }
        .form-saved { border-left: 6px solid #007f3b; padding: .35rem .75rem; background: #e6f4ec; font-weight: 700; }
        ol.cycle-list { padding-left: 1.2rem; }
        .cycle-head { margin: .25rem 0 0; }
        .cycle-when { margin: 0; color: var(--muted); font-size: .9rem; }
        dl.cycle-detail { margin: .25rem 0 .75rem; }
        dl.cycle-detail dd { font-weight: 400; }
        .board-programme { color: var(--muted); margin: 0; }
        dl.team-score .meaning { display: block; font-weight: 400; }
        table.board-summary caption { text-align: left; font-weight: 700; padding: .25rem 0 .5rem; }
        table.board-summary th, table.board-summary td { vertical-align: middle; }
        table.board-summary .number { text-align: right; font-variant-numeric: tabular-nums; }
        table.board-summary td.number { white-space: nowrap; }
        table.board-summary .goal-title { display: block; color: var(--muted); font-weight: 400; font-size: .85rem; }
        table.board-summary .icon { display: block; }
        .breadcrumb ol { list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap; gap: .25rem; font-size: .9rem; }
        .breadcrumb li + li::before { content: "\203A"; margin-right: .25rem; color: var(--muted); }
        .breadcrumb a[aria-current=page] { color: var(--ink); text-decoration: none; font-weight: 700; }
        ul.portfolio { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
        .programme-card { background: var(--card); border: 1px solid var(--rule); border-left: 6px solid #005eb8; padding: .75rem 1rem; border-radius: 4px; }
        .programme-card h2 { margin: 0 0 .25rem; font-size: 1.25rem; overflow-wrap: anywhere; }
        .default-mark { color: var(--muted); font-size: .85rem; font-weight: 400; }
        .alignment-counts { margin: .25rem 0 .5rem; }
        .alignment-counts .has-errors { color: #d5281b; font-weight: 700; }
        ul.goal-icons { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: .35rem 1rem; }
        ul.goal-icons li { display: flex; align-items: center; gap: .25rem; overflow-wrap: anywhere; }
        ul.goal-icons .variation, ul.goal-icons .assurance { flex: none; }
        ul.goal-icons svg.icon-mark { display: block; }
        svg.spc-symbols { position: absolute; width: 0; height: 0; overflow: hidden; }
        .xmr .marker:focus { outline: none; }
        .xmr .marker:focus path, .xmr .marker:focus circle, .xmr .marker:hover path { stroke: #212b32; stroke-width: 3; }
        .xmr .marker .tip { visibility: hidden; pointer-events: none; }
        .xmr .marker:hover .tip, .xmr .marker:focus .tip { visibility: visible; }
        .marker-legend svg { vertical-align: middle; }
        table.markers td.period { white-space: nowrap; }
        .driver-diagram { margin: .5rem 0; overflow-x: auto; }
        .driver-diagram svg.driver-svg { width: 100%; min-width: 40rem; height: auto; display: block; background: #fff; }
        /* The diagram as a list: read aloud beside the picture, and shown in its place on a narrow screen. */
        .driver-list { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
        .driver-list ol, .driver-list ul { padding-left: 1.2rem; margin: .25rem 0; }
        .driver-list .level, .idea-details, .reviewed, table.team-progress .level, .meaning { color: var(--muted); font-size: .85rem; }
        .method-links, .months { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; margin: 0 0 1rem; }
        .month-picker { display: flex; gap: .5rem; align-items: center; }
        table.team-progress .level { display: block; }
        table.team-progress td.movement, table.team-progress td.score, table.team-progress td.previous, table.score-distribution td.teams { white-space: nowrap; }
        table.score-distribution td.teams svg { vertical-align: middle; margin-right: .35rem; }
        ol.learning-events { list-style: none; padding: 0; margin: 0; display: grid; gap: 1rem; }
        .learning-event { border-left: 6px solid #007f3b; padding: .25rem 0 .25rem 1rem; }
        .learning-event h2 { margin: 0 0 .25rem; font-size: 1.2rem; }
        .learning-event .when { color: var(--muted); margin: 0 0 .25rem; }
        .learning-event h3 { font-size: 1rem; margin: .5rem 0 .25rem; }
        ol.audit-entries { padding-left: 1.2rem; }
        .audit-entry { margin-bottom: 1rem; overflow-wrap: anywhere; }
        table.audit-changes td.before { color: var(--muted); }
        /* On a narrow screen (not on paper, however narrow) the diagram's list stands in for its picture. */
        @media screen and (max-width: 40rem) {
          .driver-diagram svg.driver-svg { display: none; }
          .driver-list { position: static; width: auto; height: auto; margin: 0; overflow: visible; clip: auto; white-space: normal; }
        }
        @media (max-width: 40rem) {
          main { padding: .5rem; }
          h1 { font-size: 1.4rem; }
          section { padding: .5rem; }
          .cards { grid-template-columns: 1fr; }
          .icon { max-width: 100%; }
        }
        @media print {
          body { background: #fff; font-size: 11pt; }
          .masthead nav, .session, .no-print, .readout, details.data, script { display: none !important; }
          .masthead { background: none; color: var(--ink); padding: 0; border-bottom: 1px solid var(--ink); }
          main { max-width: none; padding: 0; }
          section { padding: 0; margin: 0 0 .5rem; }
          .chart { overflow: visible; break-inside: avoid; page-break-inside: avoid; }
          .chart svg.xmr { min-width: 0; width: 100%; }
          .board-summary-page { break-after: page; page-break-after: always; }
          .table-scroll { overflow: visible; }
          /* 30 goals and more fit the one page: one line a row, small icons (their text alternatives stay). */
          h1 { font-size: 14pt; margin: 0 0 .5rem; }
          table.board-summary { font-size: 8pt; line-height: 1.2; }
          table.board-summary th, table.board-summary td { padding: .1rem .3rem; }
          table.board-summary .goal-title { display: none; }
          table.board-summary thead th:first-child { width: 42%; }
          table.board-summary svg.icon-mark { width: 18px; height: 18px; display: block; }
          table.board-summary, table.board-summary tr { break-inside: avoid; page-break-inside: avoid; }
          .board-goal { break-after: page; page-break-after: always; }
          .board-goal:last-child { break-after: auto; page-break-after: auto; }
          .goal-card { break-inside: avoid; page-break-inside: avoid; }
          .breadcrumb { font-size: 9pt; }
          .programme-card { break-inside: avoid; page-break-inside: avoid; border-left-width: 2px; }
          a { color: var(--ink); text-decoration: none; }
          .driver-diagram { overflow: visible; break-inside: avoid; page-break-inside: avoid; }
          .driver-diagram svg.driver-svg { min-width: 0; }
          .xmr .marker .tip, .method-links { display: none; }
          .learning-event, .audit-entry, table.team-progress tr, table.markers tr { break-inside: avoid; page-break-inside: avoid; }
        }
        """;

    public const string Script = """
        "use strict";
        // On a narrow screen the chart scrolls inside its box: start at the latest point, the one that matters.
        function showLatest(root) {
          root.querySelectorAll(".chart").forEach(function (chart) { chart.scrollLeft = chart.scrollWidth; });
        }
        // Live progress: the server sends the goal's progress section, already rendered and encoded, as a JSON string.
        // Enhanced navigation (blazor.web.js) swaps pages without loading them, so after each swap the sources
        // whose section left (or now listens elsewhere) are closed and the new sections' opened.
        var live = [];
        function connectLive() {
          live = live.filter(function (l) {
            if (l.section.isConnected && l.section.getAttribute("data-live") === l.path) { return true; }
            l.source.close();
            return false;
          });
          if (!window.EventSource) { return; }
          document.querySelectorAll("[data-live]").forEach(function (section) {
            if (live.some(function (l) { return l.section === section; })) { return; }
            var path = section.getAttribute("data-live");
            var source = new EventSource(path);
            source.addEventListener("progress", function (event) {
              section.innerHTML = JSON.parse(event.data);
              showLatest(section);
              section.setAttribute("data-updated", String(Date.now()));
            });
            live.push({ section: section, path: path, source: source });
          });
        }
        // A refused form comes back with its error summary: take the reader there, as a page load would not.
        function focusRefusal() {
          var summary = document.querySelector(".error-summary");
          if (summary) { summary.focus(); }
        }
        function pageShown() {
          showLatest(document);
          connectLive();
          focusRefusal();
        }
        pageShown();
        if (window.Blazor && window.Blazor.addEventListener) { window.Blazor.addEventListener("enhancedload", pageShown); }
        // The readout under a chart says what the focused or hovered point or marker is (the title shows on hover too).
        function readout(event) {
          var point = event.target && event.target.closest ? event.target.closest(".point, .marker") : null;
          if (!point) { return; }
          var figure = point.closest("figure");
          var text = figure ? figure.querySelector(".readout") : null;
          if (text) { text.textContent = point.getAttribute("aria-label"); }
        }
        document.addEventListener("focusin", readout);
        document.addEventListener("mouseover", readout);
        """;
}
