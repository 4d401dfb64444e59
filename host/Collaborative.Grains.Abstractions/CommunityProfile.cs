using System.Collections.Immutable;
using Collaborative.Contracts.V1;

namespace Collaborative.Grains.Abstractions;

/// <summary>A community's members (partner ids) and the progress of each goal it works on.</summary>
[GenerateSerializer]
public sealed record CommunityProfile(string CommunityId, string Name, ImmutableArray<string> Members, ImmutableArray<GoalProgress> Goals);
