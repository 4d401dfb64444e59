namespace Collaborative.Host.Programme;

/// <summary>A call named a programme the deployment does not have (answered NOT_FOUND naming programme_id).</summary>
public sealed class ProgrammeNotFoundException(string programmeId, IEnumerable<string> programmes)
    : Exception($"programme_id '{programmeId}' is not a programme of this deployment (it has: {string.Join(", ", programmes.Select(p => $"'{p}'"))}).")
{
    public string ProgrammeId { get; } = programmeId;
}
