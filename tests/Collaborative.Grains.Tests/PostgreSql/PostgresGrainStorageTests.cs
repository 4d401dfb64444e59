using Collaborative.Grains.Storage.PostgreSql;
using Collaborative.Tests.PostgreSql;
using Microsoft.Extensions.Logging.Abstractions;

namespace Collaborative.Grains.Tests.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresServer server) : Storage.GrainStorageContract, IAsyncLifetime
{
    private readonly PostgresGrainStorage _storage = new(server.ConnectionString, "contract-tests", onChangedElsewhere: null, onNotificationsMissed: null, NullLogger.Instance);

    protected override IGrainStorage Storage => _storage;

    [Fact]
    public void PostgresStorage_FollowsTheModel() => Tests.Storage.GrainStorageModelProperties.CheckAgainstModel(_storage);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _storage.DisposeAsync();
}
