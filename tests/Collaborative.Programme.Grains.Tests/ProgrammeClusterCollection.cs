namespace Collaborative.Programme.Grains.Tests;

/// <summary>The grain tests share one silo: starting one costs seconds.</summary>
[CollectionDefinition(Name)]
public sealed class ProgrammeClusterCollection : ICollectionFixture<ProgrammeCluster>
{
    public const string Name = "programme cluster";
}
