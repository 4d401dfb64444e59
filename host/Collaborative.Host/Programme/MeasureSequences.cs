namespace Collaborative.Host.Programme;

/// <summary>
/// Each measure's sequence (how many observations it holds) in the programme's order, read once for a page view: what
/// the view keeps from the measures (its goals' progress, the alignment's ledger) is used again while they stand.
/// </summary>
public sealed class MeasureSequences
{
    private readonly Dictionary<string, long> _byMeasure;

    public MeasureSequences(string[] measureIds, long[] sequences)
    {
        ArgumentNullException.ThrowIfNull(measureIds);
        ArgumentNullException.ThrowIfNull(sequences);
        if (measureIds.Length != sequences.Length)
        {
            throw new ArgumentException($"{measureIds.Length} measures but {sequences.Length} sequences.", nameof(sequences));
        }

        MeasureIds = measureIds;
        Sequences = sequences;
        _byMeasure = new Dictionary<string, long>(measureIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < measureIds.Length; i++)
        {
            _byMeasure[measureIds[i]] = sequences[i];
        }
    }

    public string[] MeasureIds { get; }

    public long[] Sequences { get; }

    /// <summary>The measure's sequence; throws <see cref="KeyNotFoundException"/> naming a measure not read.</summary>
    public long Of(string measureId) => _byMeasure.TryGetValue(measureId, out var sequence)
        ? sequence
        : throw new KeyNotFoundException($"Measure '{measureId}' is not among the measures whose sequences were read.");
}
