using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Collaborative.Grpc.Server;

namespace Collaborative.Grpc.Client;

/// <summary>A callable method: its path, kind and response parser.</summary>
public sealed class Method<TRequest, TResponse>
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    public Method(MethodType type, string serviceName, string name, MessageParser<TResponse> responseParser)
    {
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = $"/{serviceName}/{name}";
        ResponseParser = responseParser;
    }

    public MethodType Type { get; }

    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 path, "/package.Service/Method".</summary>
    public string FullName { get; }

    public MessageParser<TResponse> ResponseParser { get; }

    public override string ToString() => FullName;
}

/// <summary>Builds <see cref="Method{TRequest,TResponse}"/>s from protobuf descriptors, checking the types.</summary>
public static class Method
{
    /// <summary>
    /// The method <paramref name="name"/> of <paramref name="service"/>; throws when it does not exist
    /// or its request/response types are not <typeparamref name="TRequest"/>/<typeparamref name="TResponse"/>.
    /// </summary>
    public static Method<TRequest, TResponse> Create<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        var method = service.FindMethodByName(name)
            ?? throw new ArgumentException($"Service {service.FullName} has no method '{name}'. It has: {string.Join(", ", service.Methods.Select(m => m.Name))}.", nameof(name));
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{service.FullName}/{name} takes {method.InputType.ClrType.Name} and returns {method.OutputType.ClrType.Name}, not {typeof(TRequest).Name} → {typeof(TResponse).Name}.",
                nameof(name));
        }

        var parser = (MessageParser<TResponse>)typeof(TResponse).GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return new Method<TRequest, TResponse>(ServiceBinder.KindOf(method), service.FullName, name, parser);
    }
}
