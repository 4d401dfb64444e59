using System.Globalization;
using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;
using Collaborative.Programme.Periods;

namespace Collaborative.Host.Cli;

/// <summary>
/// A CSV of observations checked whole against the programme before anything is sent: every bad line
/// is reported (file, line, column, what is wrong), and one bad line means none is imported.
/// Columns: id, measure_id, period, value, then optionally numerator, denominator, source (and the
/// revision, current and recorded_at columns `collab export` writes, which are ignored).
/// </summary>
internal sealed class ObservationFile
{
    private static readonly string[] Required = ["id", "measure_id", "period", "value"];
    private static readonly string[] Optional = ["numerator", "denominator", "source"];
    private static readonly string[] Ignored = ["revision", "current", "recorded_at"];

    private ObservationFile(IReadOnlyList<Observation> observations, IReadOnlyList<string> errors)
    {
        Observations = observations;
        Errors = errors;
    }

    public IReadOnlyList<Observation> Observations { get; }

    /// <summary>"FILE:LINE:COLUMN: message", in file order.</summary>
    public IReadOnlyList<string> Errors { get; }

    public static ObservationFile Check(string fileName, string text, ProgrammeView programme, IEnumerable<RecordedObservation> recorded)
    {
        var errors = new List<string>();
        void Error(int line, int column, string message) => errors.Add($"{fileName}:{line}:{column}: {message}");

        IReadOnlyList<CsvRecord> records;
        try
        {
            records = Csv.Read(text);
        }
        catch (CsvFormatException ex)
        {
            Error(ex.Line, ex.Column, ex.Message);
            return new ObservationFile([], errors);
        }

        if (records.Count == 0)
        {
            Error(1, 1, $"no header row; expected {string.Join(',', Required)}[,{string.Join(',', Optional)}]");
            return new ObservationFile([], errors);
        }

        var header = records[0];
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Value.Trim().ToLowerInvariant();
            if (!Required.Contains(name) && !Optional.Contains(name) && !Ignored.Contains(name))
            {
                Error(header.Line, header.Fields[i].Column, $"unknown column '{header.Fields[i].Value}'; expected {string.Join(',', Required)}[,{string.Join(',', Optional)}]");
            }
            else if (!columns.TryAdd(name, i))
            {
                Error(header.Line, header.Fields[i].Column, $"column '{name}' appears twice");
            }
        }

        foreach (var missing in Required.Where(r => !columns.ContainsKey(r)))
        {
            Error(header.Line, 1, $"the header has no '{missing}' column; expected {string.Join(',', Required)}[,{string.Join(',', Optional)}]");
        }

        if (errors.Count > 0)
        {
            return new ObservationFile([], errors);
        }

        var measures = programme.Measures.ToDictionary(m => m.Id, StringComparer.Ordinal);
        // Ids are unique per measure: the same id with other content would be refused half-way through.
        var known = new Dictionary<(string Measure, string Id), (Observation Observation, string Where)>();
        foreach (var r in recorded)
        {
            known[(r.Observation.MeasureId, r.Observation.Id)] = (r.Observation, "already recorded");
        }

        var observations = new List<Observation>();
        foreach (var record in records.Skip(1))
        {
            var before = errors.Count;
            if (record.Fields.Count != header.Fields.Count)
            {
                var column = record.Fields.Count > header.Fields.Count ? record.Fields[header.Fields.Count].Column : record.Fields[^1].Column;
                Error(record.Line, column, $"{record.Fields.Count} field(s) where the header has {header.Fields.Count}");
                continue;
            }

            CsvField Field(string name) => record.Fields[columns[name]];
            CsvField? OptionalField(string name) => columns.TryGetValue(name, out var i) ? record.Fields[i] : null;

            var observation = new Observation();
            var id = Field("id");
            if (id.Value.Trim().Length == 0)
            {
                Error(id.Line, id.Column, "id is empty; the id is what makes a re-import safe");
            }

            observation.Id = id.Value.Trim();
            var measureField = Field("measure_id");
            MeasureView? measure = null;
            if (!measures.TryGetValue(measureField.Value.Trim(), out measure))
            {
                Error(measureField.Line, measureField.Column, $"measure_id '{measureField.Value}' is not a measure of programme '{programme.Id}'");
            }

            observation.MeasureId = measureField.Value.Trim();
            var periodField = Field("period");
            if (measure is not null)
            {
                var kind = measure.Period == "week" ? PeriodKind.Week : PeriodKind.Month;
                if (Period.TryParse(periodField.Value.Trim(), kind, out var period, out var periodError))
                {
                    observation.Period = period.ToString();
                }
                else
                {
                    Error(periodField.Line, periodField.Column, $"period: {periodError}");
                }
            }

            if (Number(Field("value"), "value", required: true) is { } value)
            {
                observation.Value = value;
            }

            if (OptionalField("numerator") is { } numeratorField && Number(numeratorField, "numerator", required: false) is { } numerator)
            {
                observation.Numerator = numerator;
            }

            if (OptionalField("denominator") is { } denominatorField && Number(denominatorField, "denominator", required: false) is { } denominator)
            {
                observation.Denominator = denominator;
            }

            observation.Source = OptionalField("source")?.Value.Trim() ?? "";
            if (errors.Count > before)
            {
                continue;
            }

            if (known.TryGetValue((observation.MeasureId, observation.Id), out var earlier) && !SameContent(earlier.Observation, observation))
            {
                Error(id.Line, id.Column, $"id '{observation.Id}' for measure '{observation.MeasureId}' is {earlier.Where} with other content (period {earlier.Observation.Period}, value {Numbers.Exact(earlier.Observation.Value)}); a correction needs a new id");
                continue;
            }

            known.TryAdd((observation.MeasureId, observation.Id), (observation, $"on line {record.Line}"));
            observations.Add(observation);
        }

        return new ObservationFile(errors.Count == 0 ? observations : [], errors);

        double? Number(CsvField field, string name, bool required)
        {
            var text = field.Value.Trim();
            if (text.Length == 0)
            {
                if (required)
                {
                    Error(field.Line, field.Column, $"{name} is empty");
                }

                return null;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                Error(field.Line, field.Column, $"{name} '{field.Value}' is not a finite number (use a point for decimals, e.g. 12.5)");
                return null;
            }

            // The host's own bound, checked here too, so the import stays all or nothing.
            if (!ProgrammeLimits.MeasureValue.Contains(number))
            {
                Error(field.Line, field.Column, ProgrammeLimits.MeasureValue.Refusal(name, number));
                return null;
            }

            return number;
        }
    }

    // As the measure's ledger compares them: same id with other content is a conflict, not a duplicate.
    private static bool SameContent(Observation a, Observation b) =>
        a.MeasureId == b.MeasureId && a.Period == b.Period && a.Value.Equals(b.Value)
        && a.HasNumerator == b.HasNumerator && (!a.HasNumerator || a.Numerator.Equals(b.Numerator))
        && a.HasDenominator == b.HasDenominator && (!a.HasDenominator || a.Denominator.Equals(b.Denominator))
        && a.Source == b.Source;
}
