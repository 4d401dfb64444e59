using Orleans.Storage;

namespace Collaborative.Cluster.Serialization;

/// <summary>
/// Stores grain state as its raw protobuf bytes, so a state row reads with any protobuf tool and survives a change
/// of Orleans' own serializer. Grain state must be a protobuf message.
/// </summary>
internal sealed class ProtobufGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        input is Google.Protobuf.IMessage message
            ? new BinaryData(Google.Protobuf.MessageExtensions.ToByteArray(message))
            : throw NotAMessage(typeof(T));

    public T Deserialize<T>(BinaryData input) =>
        ProtobufMessageCodec.IsMessage(typeof(T))
            ? (T)ProtobufMessageCodec.ParserFor(typeof(T)).ParseFrom(input.ToMemory().Span)
            : throw NotAMessage(typeof(T));

    private static NotSupportedException NotAMessage(Type type) =>
        new($"Grain state {type} is not a protobuf message; Collaborative stores grain state as protobuf.");
}
