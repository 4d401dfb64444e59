using Collaborative.Contracts.V1;
using Collaborative.Grains.Abstractions;

namespace Collaborative.Programme.Grains.Tests;

/// <summary>Monthly observations as a module reports them (periods stored as their first day).</summary>
internal static class Observations
{
    public static Observation Monthly(string id, string measureId, string month, double value) =>
        new() { Id = id, MeasureId = measureId, Period = month + "-01", Value = value, Source = "gold-line" };

    public static MeasureBatch Batch(params Observation[] observations) => new(MeasurePeriod.Month, [.. observations]);
}
