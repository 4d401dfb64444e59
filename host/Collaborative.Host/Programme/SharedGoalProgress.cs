using Collaborative.Programme.Definition;
using Contract = Collaborative.Contracts.V1;

namespace Collaborative.Host.Programme;

/// <summary>A goal's progress as its shared goal grain computed it, with the definition and versions it came from.</summary>
public sealed record SharedGoalProgress(SharedGoal Goal, Measure Measure, Contract.GoalProgress View, long ObservationSequence, long ProgrammeVersion);
