using Collaborative.Contracts.V1.Modules;

namespace Collaborative.Plugins.Modules.EndOfLife;

/// <summary>One death on the register, reduced to what the aggregates need: where, and where the person wanted.</summary>
internal readonly record struct RegisterDeath(PlaceOfDeath Place, PlaceOfDeath FirstChoice, PlaceOfDeath SecondChoice)
{
    /// <summary>Died in their 1st choice, or in their 2nd when they had one: both are places the person chose.</summary>
    public bool DiedInPreferredPlace =>
        FirstChoice != PlaceOfDeath.Unspecified
        && (Place == FirstChoice || (SecondChoice != PlaceOfDeath.Unspecified && Place == SecondChoice));
}
