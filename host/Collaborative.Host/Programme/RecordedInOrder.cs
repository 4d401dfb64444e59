using Collaborative.Grains.Abstractions;

namespace Collaborative.Host.Programme;

/// <summary>
/// What recording observations in their order did: the results of the leading ones, all durable, and, when the
/// next one was refused, why (it is then observation number <c>Recorded.Count + 1</c> of those given).
/// </summary>
public sealed record RecordedInOrder(IReadOnlyList<MeasureRecordResult> Recorded, string? Refusal);
