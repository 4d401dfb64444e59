using System.Text.Json;

namespace Collaborative.Host.Plugins;

/// <summary>
/// Reads plugin.json files. Every problem names the file and the field; one bad manifest never stops
/// the others from loading.
/// </summary>
public static class PluginManifestReader
{
    /// <summary>Every manifest under the directories: DIR/plugin.json and DIR/*/plugin.json.</summary>
    public static (IReadOnlyList<PluginManifest> Manifests, IReadOnlyList<string> Errors) Discover(IEnumerable<string> directories)
    {
        var manifests = new List<PluginManifest>();
        var errors = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var directory in directories)
        {
            if (!System.IO.Directory.Exists(directory))
            {
                errors.Add($"{directory}: plugin directory does not exist.");
                continue;
            }

            var files = System.IO.Directory.EnumerateFiles(directory, "plugin.json", SearchOption.TopDirectoryOnly)
                .Concat(System.IO.Directory.EnumerateDirectories(directory).Select(d => Path.Combine(d, "plugin.json")).Where(File.Exists))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                try
                {
                    var manifest = Read(file);
                    if (seen.TryGetValue(manifest.Id, out var other))
                    {
                        errors.Add($"{file}: field 'id': '{manifest.Id}' is already used by {other}.");
                        continue;
                    }

                    seen[manifest.Id] = file;
                    manifests.Add(manifest);
                }
                catch (PluginManifestException ex)
                {
                    errors.Add(ex.Message);
                }
            }
        }

        return (manifests, errors);
    }

    public static PluginManifest Read(string path)
    {
        var fullPath = Path.GetFullPath(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(fullPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new PluginManifestException($"{fullPath}: not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new PluginManifestException($"{fullPath}: cannot be read: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PluginManifestException($"{fullPath}: expected a JSON object at the top level.");
            }

            string Required(string field)
            {
                if (!root.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
                {
                    throw new PluginManifestException($"{fullPath}: field '{field}' is required and must be a non-empty string.");
                }

                return value.GetString()!;
            }

            string? Optional(string field) =>
                root.TryGetProperty(field, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString()
                    : throw new PluginManifestException($"{fullPath}: field '{field}' must be a string.") : null;

            var id = Required("id");
            if (!id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                throw new PluginManifestException($"{fullPath}: field 'id': '{id}' may hold only letters, digits, '-', '.' and '_'.");
            }

            var versions = new List<int>();
            if (!root.TryGetProperty("appProtocolVersions", out var versionsElement) || versionsElement.ValueKind != JsonValueKind.Array || versionsElement.GetArrayLength() == 0)
            {
                throw new PluginManifestException($"{fullPath}: field 'appProtocolVersions' is required: a non-empty array of integers, e.g. [1].");
            }

            foreach (var v in versionsElement.EnumerateArray())
            {
                if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version < 1)
                {
                    throw new PluginManifestException($"{fullPath}: field 'appProtocolVersions': '{v}' is not a positive integer.");
                }

                versions.Add(version);
            }

            var command = Optional("command");
            var address = Optional("address");
            if ((command is null) == (address is null))
            {
                throw new PluginManifestException($"{fullPath}: give exactly one of field 'command' (a local plugin the host starts) or field 'address' (a remote plugin the host dials).");
            }

            var args = new List<string>();
            if (root.TryGetProperty("args", out var argsElement))
            {
                if (argsElement.ValueKind != JsonValueKind.Array || argsElement.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String))
                {
                    throw new PluginManifestException($"{fullPath}: field 'args' must be an array of strings.");
                }

                args.AddRange(argsElement.EnumerateArray().Select(a => a.GetString()!));
            }

            var measures = new List<ManifestMeasure>();
            if (root.TryGetProperty("measures", out var measuresElement))
            {
                if (measuresElement.ValueKind != JsonValueKind.Array)
                {
                    throw new PluginManifestException($"{fullPath}: field 'measures' must be an array of {{\"id\",\"name\",\"unit\"}} objects.");
                }

                var index = 0;
                foreach (var m in measuresElement.EnumerateArray())
                {
                    string Field(string name) =>
                        m.ValueKind == JsonValueKind.Object && m.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
                            ? value.GetString()!
                            : throw new PluginManifestException($"{fullPath}: field 'measures[{index}].{name}' is required and must be a non-empty string.");
                    measures.Add(new ManifestMeasure(Field("id"), Field("name"), Field("unit")));
                    index++;
                }
            }

            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("env", out var envElement))
            {
                if (envElement.ValueKind != JsonValueKind.Object)
                {
                    throw new PluginManifestException($"{fullPath}: field 'env' must be an object of strings.");
                }

                foreach (var p in envElement.EnumerateObject())
                {
                    environment[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!
                        : throw new PluginManifestException($"{fullPath}: field 'env.{p.Name}' must be a string.");
                }
            }

            return new PluginManifest(
                id,
                Required("name"),
                Required("version"),
                Required("partnerOrganisation"),
                versions,
                command,
                args,
                address,
                Optional("rootCertificate"),
                measures,
                environment,
                fullPath,
                Optional("prerequisites"));
        }
    }
}
