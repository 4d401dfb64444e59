using System.Collections.Frozen;
using Google.Protobuf.Reflection;

namespace Collaborative.Grpc.Server;

/// <summary>The services a server answers, by method path. Filled at start-up, read-only after.</summary>
public sealed class GrpcServiceRegistry
{
    private readonly Dictionary<string, ServerMethod> _methods = new(StringComparer.Ordinal);
    private FrozenDictionary<string, ServerMethod>? _frozen;

    /// <summary>Binds <paramref name="implementation"/> to <paramref name="service"/>; throws, naming every missing method, if it does not fit.</summary>
    public GrpcServiceRegistry Add(object implementation, ServiceDescriptor service)
    {
        if (_frozen is not null)
        {
            throw new InvalidOperationException($"Cannot add {service.FullName}: the server has started and its services are fixed.");
        }

        foreach (var method in ServiceBinder.Bind(implementation, service))
        {
            if (!_methods.TryAdd(method.Path, method))
            {
                throw new InvalidOperationException($"gRPC method {method.Path} is registered twice.");
            }
        }

        return this;
    }

    /// <summary>Full names of the services registered.</summary>
    public IEnumerable<string> ServiceNames => _methods.Keys.Select(p => p[1..p.LastIndexOf('/')]).Distinct();

    internal bool TryGetMethod(string path, out ServerMethod method)
    {
        var methods = _frozen ??= _methods.ToFrozenDictionary(StringComparer.Ordinal);
        return methods.TryGetValue(path, out method!);
    }
}
