using Collaborative.Host.Plugins;

namespace Collaborative.Host.Tests;

public sealed class PluginManifestReaderTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTemporaryDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Read_CompleteLocalManifest_GivesEveryField()
    {
        var path = Write("gold", """
            {
              // comments are allowed
              "id": "gold-line", "name": "Gold Line", "version": "1.2.0", "partnerOrganisation": "airedale-nhs-ft",
              "appProtocolVersions": [1], "command": "dotnet", "args": ["bin/GoldLine.dll"],
              "measures": [{"id": "goldline.calls", "name": "Calls", "unit": "calls/month"}],
              "env": {"COLLAB_PLUGIN_SEED": "demo"}
            }
            """);
        var manifest = PluginManifestReader.Read(path);
        Assert.Equal("gold-line", manifest.Id);
        Assert.Equal(["bin/GoldLine.dll"], manifest.Args);
        Assert.Equal("goldline.calls", Assert.Single(manifest.Measures).Id);
        Assert.Equal("demo", manifest.Environment["COLLAB_PLUGIN_SEED"]);
        Assert.False(manifest.IsRemote);
        Assert.Equal(Path.Combine(_dir, "gold"), manifest.Directory);
    }

    [Theory]
    [InlineData("""{"name":"n","version":"1","partnerOrganisation":"p","appProtocolVersions":[1],"command":"x"}""", "field 'id' is required")]
    [InlineData("""{"id":"a","name":"n","version":"1","partnerOrganisation":"p","appProtocolVersions":[],"command":"x"}""", "field 'appProtocolVersions' is required")]
    [InlineData("""{"id":"a","name":"n","version":"1","partnerOrganisation":"p","appProtocolVersions":["one"],"command":"x"}""", "field 'appProtocolVersions': 'one' is not a positive integer")]
    [InlineData("""{"id":"a","name":"n","version":"1","partnerOrganisation":"p","appProtocolVersions":[1]}""", "give exactly one of field 'command'")]
    [InlineData("""{"id":"a","name":"n","version":"1","partnerOrganisation":"p","appProtocolVersions":[1],"command":"x","address":"https://h:1"}""", "give exactly one of field 'command'")]
    [InlineData("""{"id":"a b","name":"n","version":"1","partnerOrganisation":"p","appProtocolVersions":[1],"command":"x"}""", "field 'id': 'a b' may hold only")]
    [InlineData("""{"id":"a","name":"n","version":"1","partnerOrganisation":"p","appProtocolVersions":[1],"command":"x","measures":[{"id":"m","name":"M"}]}""", "field 'measures[0].unit' is required")]
    [InlineData("""{"id":"a","name":"n","version":"1","partnerOrganisation":"p","appProtocolVersions":[1],"command":"x","args":"bin/x.dll"}""", "field 'args' must be an array of strings")]
    public void Read_BadManifest_NamesTheFileAndTheField(string json, string expected)
    {
        var path = Write("bad", json);
        var ex = Assert.Throws<PluginManifestException>(() => PluginManifestReader.Read(path));
        Assert.StartsWith(path, ex.Message);
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Read_InvalidJson_NamesTheLine()
    {
        var path = Write("broken", "{\n  \"id\": \"a\",\n  \"name\": \n}");
        var ex = Assert.Throws<PluginManifestException>(() => PluginManifestReader.Read(path));
        Assert.Contains("not valid JSON at line 4", ex.Message);
    }

    [Fact]
    public void Discover_OneBadManifest_TheOthersStillLoad_AndDuplicateIdsAreRefused()
    {
        Write("a-good", """{"id":"one","name":"One","version":"1","partnerOrganisation":"p","appProtocolVersions":[1],"command":"x"}""");
        Write("b-bad", """{"id":"two"}""");
        Write("c-good", """{"id":"three","name":"Three","version":"1","partnerOrganisation":"p","appProtocolVersions":[1],"address":"https://partner.example:443"}""");
        Write("d-dup", """{"id":"one","name":"Again","version":"1","partnerOrganisation":"p","appProtocolVersions":[1],"command":"x"}""");

        var (manifests, errors) = PluginManifestReader.Discover([_dir, Path.Combine(_dir, "missing")]);

        Assert.Equal(["one", "three"], manifests.Select(m => m.Id));
        Assert.True(manifests[1].IsRemote);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("b-bad") && e.Contains("field 'appProtocolVersions' is required"));
        Assert.Contains(errors, e => e.Contains("d-dup") && e.Contains("already used"));
        Assert.Contains(errors, e => e.Contains("does not exist"));
    }

    private string Write(string folder, string json)
    {
        var directory = Path.Combine(_dir, folder);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "plugin.json");
        File.WriteAllText(path, json);
        return path;
    }
}
