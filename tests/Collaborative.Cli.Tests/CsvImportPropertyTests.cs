using System.Text.RegularExpressions;
using Collaborative.Contracts.V1;
using Collaborative.Host.Cli;
using Collaborative.Programme.Tests.Properties;
using FsCheck;
using FsCheck.Fluent;

namespace Collaborative.Cli.Tests;

/// <summary>
/// Whatever text arrives as an observation file: `collab import`'s check accepts it whole, or refuses it
/// whole with every error as FILE:LINE:COLUMN; it never throws and never takes more than two seconds.
/// </summary>
public sealed partial class CsvImportPropertyTests
{
    private static readonly ProgrammeView Programme = new()
    {
        Id = "fuzz",
        Measures =
        {
            new MeasureView { Id = ObservationCsv.Measure, Period = "month" },
            new MeasureView { Id = "weekly.calls", Period = "week" },
        },
    };

    private static readonly string[] CsvPieces =
    [
        "id,measure_id,period,value", ",numerator,denominator,source", ",revision,current,recorded_at", ",value",
        ObservationCsv.Measure, "weekly.calls", "obs-1", "\"a,b\"", "\"\"\"", "\"x\"y", "x\"y", ",,,,", "\r\n", "\n", "\r",
    ];

    [GeneratedRegex(@"^import\.csv:[1-9][0-9]*:[1-9][0-9]*: \S")]
    private static partial Regex Placed();

    [Fact]
    public void GeneratedText_IsImportedWholeOrRefusedWithPositions_InTime()
    {
        HostileText.Check(Prop.ForAll(HostileText.Strung(CsvPieces).ToArbitrary(), ImportedWholeOrRefusedWithPositions), tests: 400);
    }

    [Fact]
    public void MutatedObservationFile_IsImportedWholeOrRefusedWithPositions_InTime()
    {
        // Every column, quoted fields with a comma and a line break, a monthly and a weekly measure, CRLF and LF.
        var seed = string.Concat(
            "id,measure_id,period,value,numerator,denominator,source\r\n",
            $"obs-1,{ObservationCsv.Measure},2025-01,58,29,500,\"ward, east\"\r\n",
            $"obs-2,{ObservationCsv.Measure},2025-02-01,62.5,,,registry\n",
            "w-1,weekly.calls,2026-W05,12,,,\"line\r\nbreak\"\r\n",
            "w-2,weekly.calls,2026-02-02,-3,1,2,\"say \"\"hi\"\"\"\n");
        Assert.Empty(ObservationFile.Check("import.csv", seed, Programme, []).Errors);
        HostileText.Check(Prop.ForAll(HostileText.Mutated(seed, CsvPieces).ToArbitrary(), ImportedWholeOrRefusedWithPositions), tests: 400);
    }

    [Fact]
    public void Check_AValueBeyondTheHostsBound_IsRefusedWithItsPosition_SoTheImportStaysAllOrNothing()
    {
        var file = ObservationFile.Check("import.csv", $"id,measure_id,period,value\nobs-1,{ObservationCsv.Measure},2025-01,1e308\n", Programme, []);

        Assert.Empty(file.Observations);
        Assert.Equal(["import.csv:2:32: 'value' must be from -1,000,000,000,000 to 1,000,000,000,000, not 1E+308"], file.Errors);
    }

    private static Property ImportedWholeOrRefusedWithPositions(string csv)
    {
        if (!HostileText.FinishesInTime(() => ObservationFile.Check("import.csv", csv, Programme, []), out var file, out var thrown))
        {
            return false.Label($"took more than {HostileText.PerInput.TotalSeconds} s");
        }

        if (thrown is not null)
        {
            return false.Label($"threw {thrown.GetType().Name}: {thrown.Message}");
        }

        return file!.Errors.Count == 0
            ? file.Observations.All(o => o.Id.Length > 0 && o.Period.Length > 0 && double.IsFinite(o.Value)).Label("every accepted observation is whole")
            : (file.Observations.Count == 0 && file.Errors.All(e => Placed().IsMatch(e))).Label("refused whole, every error placed: " + string.Join(" | ", file.Errors));
    }
}
