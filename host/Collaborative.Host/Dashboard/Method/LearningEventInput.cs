using Collaborative.Contracts.V1;

namespace Collaborative.Host.Dashboard.Method;

/// <summary>A learning event as its form posts it: the goals covered as the ticked boxes, the lessons one a line.</summary>
public sealed class LearningEventInput
{
    public string Date { get; set => field = value ?? ""; } = "";

    public string Kind { get; set => field = value ?? ""; } = "";

    public string Title { get; set => field = value ?? ""; } = "";

    public List<string> Goals { get; set => field = value ?? []; } = [];

    public string Lessons { get; set => field = value ?? ""; } = "";

    /// <summary>One lesson a line; blank lines are spacing, not lessons.</summary>
    public IEnumerable<string> LessonLines =>
        Lessons.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    public LearningEventRecord ToRecord()
    {
        var record = new LearningEventRecord { Date = Date, Kind = Kind, Title = Title };
        record.GoalIds.AddRange(Goals);
        record.Lessons.AddRange(LessonLines);
        return record;
    }
}
