using Collaborative.Contracts.V1;
using Collaborative.Programme.Definition;

namespace Collaborative.Programme.Alignment.Rules;

internal sealed class PartnerUninvolvedRule : AlignmentRule
{
    public override string Id => "partner.uninvolved";

    public override string PrincipleId => Principle.RelationshipsTrust;

    public override Severity DefaultSeverity => Severity.Warning;

    public override string Title => "A partner is in no clinical community and no goal";

    public override IEnumerable<AlignmentFinding> Evaluate(AlignmentContext context, AppliedRule applied) =>
        context.Programme.Partners
            .Where(partner => !context.IsInvolved(partner.Id))
            .Select(partner => applied.Finding("partner", partner.Id,
                $"{partner.Name} is a partner but belongs to no clinical community and takes part in no shared goal.",
                "Relationships and trust are built by working together; a partner with no place in the work drifts away.",
                "Invite the partner into the clinical community closest to its services, or into a goal team."));
}
