namespace Collaborative.Programme.Defaults;

/// <summary>Which programme the host runs ("Collaborative:Programme" in configuration).</summary>
public sealed class ProgrammeOptions
{
    public const string Section = "Collaborative:Programme";

    /// <summary>
    /// A programme YAML file used the first time the host starts with an empty store (relative to the
    /// content root). Default: none, which means the sample programme shipped with the host.
    /// Later changes go through UpdateProgramme; the stored definition wins over this file.
    /// </summary>
    public string? File { get; set; }

    /// <summary>
    /// On first start with the sample programme, fill measures that no plugin feeds with the sample's
    /// generated history, so a first run shows a living programme. Default true.
    /// </summary>
    public bool SeedSampleHistory { get; set; } = true;
}
