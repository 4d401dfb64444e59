using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Serializers;

namespace Collaborative.Cluster.Serialization;

/// <summary>Registers <see cref="ProtobufMessageCodec"/> with Orleans' serializer (silo and client alike).</summary>
public static class ProtobufSerializerBuilderExtensions
{
    /// <summary>Protobuf messages become valid grain arguments and results.</summary>
    public static ISerializerBuilder AddProtobufMessages(this ISerializerBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ProtobufMessageCodec)))
        {
            return builder;
        }

        services.AddSingleton<ProtobufMessageCodec>();
        services.AddSingleton<IGeneralizedCodec>(sp => sp.GetRequiredService<ProtobufMessageCodec>());
        services.AddSingleton<IGeneralizedCopier>(sp => sp.GetRequiredService<ProtobufMessageCodec>());
        services.AddSingleton<ITypeFilter>(sp => sp.GetRequiredService<ProtobufMessageCodec>());
        return builder;
    }
}
