namespace Collaborative.Grains;

/// <summary>A stored state record.</summary>
/// <param name="Data">The serialized state, or <see langword="null"/> for a cleared record.</param>
/// <param name="Etag">The record's version.</param>
public sealed record GrainStateRecord(byte[]? Data, string Etag);
