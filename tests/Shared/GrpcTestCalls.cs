using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;

namespace Collaborative.Tests;

/// <summary>
/// Calls by method name over a grpc-dotnet channel, for tests that call many services (or a module's
/// own service, a secret left out, a peer's contract) with one helper: the method is described from the
/// service's protobuf descriptor and invoked through the channel's <see cref="CallInvoker"/>.
/// </summary>
internal static class GrpcTestCalls
{
    /// <summary>The method <paramref name="name"/> of <paramref name="service"/>; throws naming the methods it has.</summary>
    public static Method<TRequest, TResponse> Method<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = service.FindMethodByName(name)
            ?? throw new ArgumentException($"{service.FullName} has no method '{name}'; it has: {string.Join(", ", service.Methods.Select(m => m.Name))}.", nameof(name));
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            (true, true) => MethodType.DuplexStreaming,
        };
        return new Method<TRequest, TResponse>(type, service.FullName, name, Marshaller<TRequest>(), Marshaller<TResponse>());
    }

    public static Task<TResponse> UnaryAsync<TRequest, TResponse>(this GrpcChannel channel, Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class
        where TResponse : class =>
        channel.CreateCallInvoker().AsyncUnaryCall(method, null, options, request).ResponseAsync;

    public static AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(this GrpcChannel channel, Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : class
        where TResponse : class =>
        channel.CreateCallInvoker().AsyncServerStreamingCall(method, null, options, request);

    public static AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(this GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class
        where TResponse : class =>
        channel.CreateCallInvoker().AsyncClientStreamingCall(method, null, options);

    public static AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(this GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options = default)
        where TRequest : class
        where TResponse : class =>
        channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, options);

    /// <summary>Options with a deadline <paramref name="timeout"/> from now.</summary>
    public static CallOptions WithTimeout(TimeSpan timeout, Metadata? headers = null) => new(headers, DateTime.UtcNow + timeout);

    private static Marshaller<T> Marshaller<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }
}
