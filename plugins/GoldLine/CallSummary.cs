using Collaborative.Contracts.V1.Modules;

namespace Collaborative.Plugins.Modules.GoldLine;

/// <summary>What the monthly aggregates need from one call.</summary>
internal readonly record struct CallSummary(CallOutcome Outcome, bool OutOfHours, string Patient);
