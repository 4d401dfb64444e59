namespace Collaborative.Tests.PostgreSql;

/// <summary>The tests that share one throwaway PostgreSQL server (tests/postgres.sh); without one they fail.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
