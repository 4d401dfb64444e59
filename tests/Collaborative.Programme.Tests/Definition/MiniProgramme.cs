namespace Collaborative.Programme.Tests.Definition;

/// <summary>A small valid programme file; tests break one line at a time and check where the error points.</summary>
internal static class MiniProgramme
{
    public const string FileName = "mini.yaml";

    public static readonly string[] Lines =
    [
        /*  1 */ "id: mini",
        /*  2 */ "name: Mini programme",
        /*  3 */ "shared_purpose: Work together to improve pain management and reduce harm from opioids",
        /*  4 */ "partners:",
        /*  5 */ "  - id: acute",
        /*  6 */ "    name: Acute trust",
        /*  7 */ "    kind: acute",
        /*  8 */ "    services:",
        /*  9 */ "      - { id: pain, name: Pain service, side: clinical }",
        /* 10 */ "      - { id: info, name: Information, side: corporate }",
        /* 11 */ "  - id: gp",
        /* 12 */ "    name: GP practices",
        /* 13 */ "    kind: primary care",
        /* 14 */ "    services:",
        /* 15 */ "      - { id: practice, name: General practice, side: clinical }",
        /* 16 */ "measures:",
        /* 17 */ "  - id: opioid-rx",
        /* 18 */ "    name: High-dose opioid prescriptions",
        /* 19 */ "    unit: per 1000 patients",
        /* 20 */ "    definition: Patients prescribed 120 mg morphine equivalent a day or more, per 1000 registered",
        /* 21 */ "    period: month",
        /* 22 */ "    improvement: lower",
        /* 23 */ "goals:",
        /* 24 */ "  - id: fewer-opioids",
        /* 25 */ "    title: Fewer high-dose opioid prescriptions",
        /* 26 */ "    aim: { what: Reduce high-dose opioid prescribing, how_much: by a third, by_when: 2026-03-31 }",
        /* 27 */ "    measure: opioid-rx",
        /* 28 */ "    baseline: { value: 12, periods: 15 }",
        /* 29 */ "    target: 8",
        /* 30 */ "    co_owners: [acute, gp]",
        /* 31 */ "    executive_sponsor: { name: Ann Sponsor, role: Medical Director, partner: acute }",
        /* 32 */ "    clinical_lead: { name: Lee Lead, partner: gp }",
        /* 33 */ "    lived_experience: [People living with chronic pain co-design the tapering plan]",
        /* 34 */ "    team: [acute/pain, acute/info, gp/practice]",
    ];

    public static string Text => string.Join("\n", Lines) + "\n";

    /// <summary>The file with 1-based lines replaced.</summary>
    public static string With(params (int Line, string Text)[] replacements)
    {
        var lines = Lines.ToArray();
        foreach (var (line, text) in replacements)
        {
            lines[line - 1] = text;
        }

        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The file with extra lines appended.</summary>
    public static string Plus(params string[] extra) => Text + string.Join("\n", extra) + "\n";
}
