using Collaborative.Cluster.Storage;
using Microsoft.Data.Sqlite;

namespace Collaborative.Cluster.Tests.Storage;

public sealed class ClusterSchemaTests
{
    [Fact]
    public async Task Apply_OnSqlite_RepeatedAndConcurrently_LeavesOneSetOfQueries()
    {
        using var data = new TemporaryDirectory();
        var connectionString = SiloBuilderExtensions.SqliteConnectionString(data.Path);
        var schema = new ClusterSchema(ClusterProvider.Localhost, connectionString);

        await schema.ApplyAsync(CancellationToken.None);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => schema.ApplyAsync(CancellationToken.None))));

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey";
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["ClearStorageKey", "ReadFromStorageKey", "WriteToStorageKey"], keys);
    }
}
