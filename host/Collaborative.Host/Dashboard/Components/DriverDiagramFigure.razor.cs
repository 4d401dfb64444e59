using Collaborative.Programme.Definition;
using Collaborative.Programme.Method;
using Microsoft.AspNetCore.Components;

namespace Collaborative.Host.Dashboard.Components;

/// <summary>
/// The driver diagram's layout: one column per level (aim, primary drivers, secondary drivers, change ideas), each
/// box as tall as its wrapped text, each parent centred on the boxes it leads to, elbow lines between them.
/// </summary>
public partial class DriverDiagramFigure
{
    private const double Margin = 12;
    private const double Gap = 36;
    private const double RowGap = 12;
    private const double Padding = 8;
    private const double TitleLine = 17;
    private const double DetailLine = 15;

    // Characters a line holds at the column's width: about 0.56 em a character in Arial, 0.6 in bold (the drivers' titles).
    private static readonly (double Width, int Chars)[] s_columns = [(170, 19), (210, 24), (210, 24), (330, 43)];
    private const int DetailChars = 46;

    private Box? _aim;
    private readonly List<Box> _boxes = [];

    [Parameter, EditorRequired]
    public ProgrammeDefinition Programme { get; set; } = null!;

    [Parameter, EditorRequired]
    public SharedGoal Goal { get; set; } = null!;

    [Parameter, EditorRequired]
    public MethodSnapshot Method { get; set; } = null!;

    private DriverDiagram? Diagram => Goal.DriverDiagram;

    private static double Width => s_columns.Sum(c => c.Width) + (Gap * (s_columns.Length - 1)) + (2 * Margin);

    private double Height => (_aim?.Span ?? 0) + (2 * Margin);

    private int Count(int level) => _boxes.Count(b => b.Level == level);

    private string Summary =>
        $"Driver diagram of {Goal.Title}: the aim leads to {Plural(Count(1), "primary driver")}, {Plural(Count(2), "secondary driver")} and {Plural(Count(3), "change idea")}";

    protected override void OnParametersSet()
    {
        _boxes.Clear();
        _aim = null;
        if (Diagram is not { } diagram)
        {
            return;
        }

        _aim = Add(0, Goal.Id, "Aim: " + AimText(Goal), [], [.. diagram.PrimaryDrivers.Select(p =>
            Add(1, p.Id, p.Title, [], [.. p.SecondaryDrivers.Select(s =>
                Add(2, s.Id, s.Title, [], [.. s.ChangeIdeas.Select(i =>
                    Add(3, i.Id, i.Title, IdeaDetails(i), []))]))]))]);
        Measure(_aim);
        Arrange(_aim, Margin);
    }

    /// <summary>"Reduce hospital deaths, from 20% to 15%, by 2027-03-31".</summary>
    public static string AimText(SharedGoal goal) =>
        string.Join(", ", new[] { goal.Aim.What, goal.Aim.HowMuch, goal.Aim.ByWhen is { } by ? "by " + by.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "" }.Where(s => s.Length > 0));

    private string MeasureText(ChangeIdea idea) =>
        idea.Measure is { } id ? "Measure: " + (Programme.FindMeasure(id)?.Name ?? id) : "No process measure of its own";

    private string OwnersText(ChangeIdea idea) =>
        idea.Owners.IsDefaultOrEmpty ? "No owner named" : "Owners: " + string.Join(", ", idea.Owners.Select(o => Programme.FindPartner(o)?.Name ?? o));

    /// <summary>"No PDSA cycles yet", "1 PDSA cycle: doing", "3 PDSA cycles; latest done, adopt".</summary>
    private string CyclesText(ChangeIdea idea)
    {
        var cycles = Method.CyclesFor(idea.Id).ToList();
        if (cycles.Count == 0)
        {
            return "No PDSA cycles yet";
        }

        var latest = cycles.OrderBy(c => c.MarkerDate).ThenBy(c => c.LastActivity).Last();
        var status = MethodVocabulary.Word(latest.Status) + (latest.Act is { } act ? ", " + MethodVocabulary.Word(act) : "");
        return cycles.Count == 1 ? $"1 PDSA cycle: {status}" : $"{cycles.Count} PDSA cycles; latest {status}";
    }

    private string[] IdeaDetails(ChangeIdea idea) => [MeasureText(idea), OwnersText(idea), CyclesText(idea)];

    private Box Add(int level, string id, string title, string[] details, List<Box> children)
    {
        var (width, chars) = s_columns[level];
        var titleLines = SvgText.Wrap(title, chars, level == 0 ? 8 : 4);
        var detailLines = details.SelectMany(d => SvgText.Wrap(d, DetailChars, 2)).ToList();
        var box = new Box(level, id, title, details, titleLines, detailLines, children)
        {
            X = Margin + s_columns.Take(level).Sum(c => c.Width + Gap),
            Width = width,
            Height = (2 * Padding) + (titleLines.Count * TitleLine) + (detailLines.Count * DetailLine) + (detailLines.Count > 0 ? 4 : 0),
        };
        _boxes.Add(box);
        return box;
    }

    /// <summary>How tall the rows a box and everything it leads to need: its own height, or its children's stacked.</summary>
    private static double Measure(Box box)
    {
        var children = box.Children.Sum(Measure) + (RowGap * Math.Max(0, box.Children.Count - 1));
        box.Span = Math.Max(box.Height, children);
        return box.Span;
    }

    private static void Arrange(Box box, double top)
    {
        box.Y = top + ((box.Span - box.Height) / 2);
        var children = box.Children.Sum(c => c.Span) + (RowGap * Math.Max(0, box.Children.Count - 1));
        var next = top + ((box.Span - children) / 2);
        foreach (var child in box.Children)
        {
            Arrange(child, next);
            next += child.Span + RowGap;
        }
    }

    /// <summary>An elbow from the middle of a box's right edge to the middle of its child's left edge.</summary>
    private static string Connector(Box from, Box to)
    {
        var (x1, y1, x2, y2) = (from.X + from.Width, from.Y + (from.Height / 2), to.X, to.Y + (to.Height / 2));
        var middle = x1 + ((x2 - x1) / 2);
        return $"M{HtmlText.C(x1)} {HtmlText.C(y1)} H{HtmlText.C(middle)} V{HtmlText.C(y2)} H{HtmlText.C(x2)}";
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static readonly string[] s_levels = ["aim", "primary", "secondary", "idea"];

    private sealed record Box(int Level, string Id, string Title, string[] Details, IReadOnlyList<string> TitleLines, IReadOnlyList<string> DetailLines, List<Box> Children)
    {
        public double X { get; init; }

        public double Y { get; set; }

        public double Width { get; init; }

        public double Height { get; init; }

        public double Span { get; set; }

        public string Class => "driver driver-" + s_levels[Level];

        /// <summary>The whole text, for the box's title (hover) and readers.</summary>
        public string Text => Details.Length == 0 ? Title : $"{Title}. {string.Join(". ", Details)}.";
    }
}
