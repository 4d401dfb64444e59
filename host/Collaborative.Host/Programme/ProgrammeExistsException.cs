namespace Collaborative.Host.Programme;

/// <summary>CreateProgramme for an id the deployment already has (answered ALREADY_EXISTS naming the field).</summary>
public sealed class ProgrammeExistsException(string message) : Exception(message);
