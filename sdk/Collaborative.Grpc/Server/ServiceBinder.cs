using System.Reflection;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Collaborative.Grpc.Server;

/// <summary>
/// Binds a service implementation to its protobuf <see cref="ServiceDescriptor"/> by reflection, once,
/// at start-up. Each proto method needs a public instance method of the same name in the shape of its
/// kind (see the delegates in ServerMethods.cs). Anything missing or mistyped is reported, all at once.
/// </summary>
internal static class ServiceBinder
{
    public static IReadOnlyList<ServerMethod> Bind(object implementation, ServiceDescriptor service)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        ArgumentNullException.ThrowIfNull(service);

        var type = implementation.GetType();
        var methods = new List<ServerMethod>();
        var errors = new List<string>();
        foreach (var method in service.Methods)
        {
            var kind = KindOf(method);
            var request = method.InputType.ClrType;
            var response = method.OutputType.ClrType;
            var path = $"/{service.FullName}/{method.Name}";
            var delegateType = DelegateTypeFor(kind).MakeGenericType(request, response);
            var expected = delegateType.GetMethod("Invoke")!;
            var expectedParameters = expected.GetParameters().Select(p => p.ParameterType).ToArray();

            var candidate = type.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Instance, expectedParameters);
            if (candidate is null || candidate.ReturnType != expected.ReturnType)
            {
                var found = type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == method.Name).ToList();
                var sb = new StringBuilder($"{path} ({kind}): expected a public method `{Describe(expected.ReturnType)} {method.Name}({string.Join(", ", expected.GetParameters().Select(p => $"{Describe(p.ParameterType)} {p.Name}"))})` on {type.FullName}");
                sb.Append(found.Count == 0 ? ", but there is no method of that name." : $", but found `{string.Join("`, `", found.Select(Describe))}`.");
                errors.Add(sb.ToString());
                continue;
            }

            var handler = candidate.CreateDelegate(delegateType, implementation);
            var parser = request.GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)?.GetValue(null)
                ?? throw new InvalidOperationException($"{request.FullName} has no static Parser property; is it a generated protobuf message?");
            var invokerType = InvokerTypeFor(kind).MakeGenericType(request, response);
            methods.Add((ServerMethod)Activator.CreateInstance(invokerType, path, parser, handler)!);
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cannot bind {type.FullName} to gRPC service {service.FullName}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors));
        }

        return methods;
    }

    public static MethodType KindOf(MethodDescriptor method) => (method.IsClientStreaming, method.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (true, false) => MethodType.ClientStreaming,
        (false, true) => MethodType.ServerStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };

    private static Type DelegateTypeFor(MethodType kind) => kind switch
    {
        MethodType.Unary => typeof(UnaryServerMethod<,>),
        MethodType.ClientStreaming => typeof(ClientStreamingServerMethod<,>),
        MethodType.ServerStreaming => typeof(ServerStreamingServerMethod<,>),
        _ => typeof(DuplexStreamingServerMethod<,>),
    };

    private static Type InvokerTypeFor(MethodType kind) => kind switch
    {
        MethodType.Unary => typeof(UnaryServerMethodInvoker<,>),
        MethodType.ClientStreaming => typeof(ClientStreamingServerMethodInvoker<,>),
        MethodType.ServerStreaming => typeof(ServerStreamingServerMethodInvoker<,>),
        _ => typeof(DuplexStreamingServerMethodInvoker<,>),
    };

    private static string Describe(MethodInfo method) =>
        $"{Describe(method.ReturnType)} {method.Name}({string.Join(", ", method.GetParameters().Select(p => Describe(p.ParameterType)))})";

    private static string Describe(Type type) =>
        type.IsGenericType
            ? $"{type.Name[..type.Name.IndexOf('`')]}<{string.Join(", ", type.GetGenericArguments().Select(Describe))}>"
            : type.Name;
}
