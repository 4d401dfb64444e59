using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Orleans.Serialization;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Cloning;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.Serializers;
using Orleans.Serialization.WireProtocol;

namespace Collaborative.Cluster.Serialization;

/// <summary>
/// Lets protobuf messages (<see cref="IMessage"/>) be grain arguments and results. On the wire a message is an
/// object of two fields: 0, its type; 1, its protobuf bytes. Copies are a parse of those bytes, because messages
/// are mutable and Orleans isolates caller and grain.
/// </summary>
internal sealed class ProtobufMessageCodec : IGeneralizedCodec, IGeneralizedCopier, ITypeFilter
{
    private const uint TypeField = 0;
    private const uint PayloadField = 1;
    private static readonly Type CodecType = typeof(ProtobufMessageCodec);
    private static readonly ConcurrentDictionary<Type, MessageParser> Parsers = new();

    /// <summary>True for a concrete generated message class.</summary>
    public static bool IsMessage(Type type) =>
        typeof(IMessage).IsAssignableFrom(type) && type is { IsAbstract: false, IsInterface: false };

    /// <summary>The parser of a generated message type (every one has a public parameterless constructor).</summary>
    public static MessageParser ParserFor(Type type) =>
        Parsers.GetOrAdd(type, static t => ((IMessage)Activator.CreateInstance(t)!).Descriptor.Parser);

    // The codec names itself in each field header; a reader finds it again by that type, so it claims it too.
    bool IGeneralizedCodec.IsSupportedType(Type type) => type == CodecType || IsMessage(type);

    bool IGeneralizedCopier.IsSupportedType(Type type) => IsMessage(type);

    bool? ITypeFilter.IsTypeAllowed(Type type) => type == CodecType || IsMessage(type) ? true : null;

    void IFieldCodec.WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, Type? expectedType, object? value)
    {
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value))
        {
            return;
        }

        var message = (IMessage)value!;
        writer.WriteFieldHeader(fieldIdDelta, expectedType, CodecType, WireType.TagDelimited);

        ReferenceCodec.MarkValueField(writer.Session);
        writer.WriteFieldHeaderExpected(TypeField, WireType.LengthPrefixed);
        writer.Session.TypeCodec.WriteLengthPrefixed(ref writer, message.GetType());

        var bytes = message.ToByteArray();
        ReferenceCodec.MarkValueField(writer.Session);
        writer.WriteFieldHeaderExpected(PayloadField - TypeField, WireType.LengthPrefixed);
        writer.WriteVarUInt32((uint)bytes.Length);
        writer.Write(bytes);

        writer.WriteEndObject();
    }

    object? IFieldCodec.ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.IsReference)
        {
            return ReferenceCodec.ReadReference(ref reader, field.FieldType);
        }

        field.EnsureWireTypeTagDelimited();
        var placeholder = ReferenceCodec.CreateRecordPlaceholder(reader.Session);
        Type? type = null;
        IMessage? message = null;
        uint fieldId = 0;
        while (true)
        {
            var header = reader.ReadFieldHeader();
            if (header.IsEndBaseOrEndObject)
            {
                break;
            }

            fieldId += header.FieldIdDelta;
            if (fieldId == TypeField)
            {
                ReferenceCodec.MarkValueField(reader.Session);
                type = reader.Session.TypeCodec.ReadLengthPrefixed(ref reader);
            }
            else if (fieldId == PayloadField && type is not null)
            {
                ReferenceCodec.MarkValueField(reader.Session);
                var bytes = reader.ReadBytes(reader.ReadVarUInt32());
                message = ParserFor(type).ParseFrom(bytes);
            }
            else
            {
                reader.ConsumeUnknownField(header);
            }
        }

        if (message is null)
        {
            ThrowMissing(type);
        }

        ReferenceCodec.RecordObject(reader.Session, message, placeholder);
        return message;
    }

    object? IDeepCopier.DeepCopy(object? input, CopyContext context)
    {
        if (input is null)
        {
            return null;
        }

        if (context.TryGetCopy(input, out object? existing))
        {
            return existing;
        }

        var copy = ParserFor(input.GetType()).ParseFrom(((IMessage)input).ToByteArray());
        context.RecordCopy(input, copy);
        return copy;
    }

    [DoesNotReturn]
    private static void ThrowMissing(Type? type) =>
        throw new RequiredFieldMissingException(type is null
            ? "A protobuf message arrived without its type."
            : $"A protobuf message of type {type} arrived without its payload.");
}
