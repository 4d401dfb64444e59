namespace Collaborative.Grains.Abstractions;

/// <summary>What registering did: <see cref="OwnedBy"/> is the other partner when refused.</summary>
[GenerateSerializer, Immutable]
public sealed record ModuleRegistration(bool Accepted, bool Updated, DateTimeOffset RegisteredAt, string? OwnedBy);
