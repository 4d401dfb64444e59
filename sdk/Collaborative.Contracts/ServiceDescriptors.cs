using Google.Protobuf.Reflection;

namespace Collaborative.Contracts;

/// <summary>
/// Descriptors of the services in protos/. Messages are generated without service stubs, so servers
/// and clients bind to these descriptors (sdk/Collaborative.Grpc) instead.
/// </summary>
public static class ServiceDescriptors
{
    /// <summary>grpc.health.v1.Health</summary>
    public static ServiceDescriptor Health { get; } = Find(Grpc.Health.V1.HealthReflection.Descriptor, "Health");

    /// <summary>collaborative.v1.Plugin, served by every module.</summary>
    public static ServiceDescriptor Plugin { get; } = Find(V1.PluginReflection.Descriptor, "Plugin");

    /// <summary>collaborative.v1.Host, served by the host.</summary>
    public static ServiceDescriptor Host { get; } = Find(V1.HostReflection.Descriptor, "Host");

    /// <summary>The service <paramref name="name"/> declared in <paramref name="file"/>; throws naming the ones it has.</summary>
    public static ServiceDescriptor Find(FileDescriptor file, string name) =>
        file.Services.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"{file.Name} declares no service '{name}'; it declares: {string.Join(", ", file.Services.Select(s => s.Name))}.", nameof(name));
}
