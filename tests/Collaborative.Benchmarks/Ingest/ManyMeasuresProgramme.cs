using System.Globalization;
using System.Text;

namespace Collaborative.Benchmarks.Ingest;

/// <summary>A programme YAML with <c>measures</c> monthly measures of one partner, and a shared goal on every <c>goalEvery</c>th (every tenth unless told).</summary>
internal static class ManyMeasuresProgramme
{
    public static string MeasureId(int index) => FormattableString.Invariant($"bench.m{index:D4}");

    public static string Yaml(int measures, string id = "ingest-benchmark", string name = "Ingest benchmark programme", int goalEvery = 10)
    {
        var yaml = new StringBuilder(FormattableString.Invariant($"id: {id}\nname: {name}\n")).Append("""
            shared_purpose: Measure how fast partners' reports become durable.
            partners:
              - id: city-ft
                name: City Hospitals NHS Foundation Trust
                kind: acute
                services:
                  - { id: pain, name: Pain management, side: clinical }
            measures:

            """);
        for (var i = 0; i < measures; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - id: {MeasureId(i)}
                    name: Benchmark measure {i}
                    unit: patients
                    definition: A count reported monthly.
                    period: month
                    improvement: lower

                """);
        }

        yaml.Append("goals:\n");
        for (var i = 0; i < measures; i += goalEvery)
        {
            yaml.Append(CultureInfo.InvariantCulture, $$"""
                  - id: bench-goal-{{i:D4}}
                    title: Fewer patients on measure {{i}}
                    aim: { what: Reduce measure {{i}}, how_much: by a fifth, by_when: 2027-12-31 }
                    measure: {{MeasureId(i)}}
                    baseline: { periods: 13 }
                    target: 40
                    co_owners: [city-ft]
                    executive_sponsor: { name: Dr A Lead, role: Medical Director, partner: city-ft }
                    clinical_lead: { name: Dr B Lead, role: Consultant, partner: city-ft }
                    team: [city-ft/pain]

                """);
        }

        return yaml.ToString();
    }
}
