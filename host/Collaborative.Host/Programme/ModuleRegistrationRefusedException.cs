namespace Collaborative.Host.Programme;

/// <summary>A module registration the programme refuses; the message names the field. <see cref="IdTaken"/>: the id belongs to another module.</summary>
public sealed class ModuleRegistrationRefusedException(string message, bool idTaken = false) : Exception(message)
{
    public bool IdTaken { get; } = idTaken;
}
