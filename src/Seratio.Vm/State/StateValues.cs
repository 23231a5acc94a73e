using System.Buffers.Binary;
using Google.Protobuf;

namespace Seratio.Vm.State;

/// <summary>
/// The encodings modules share for raw state values: big-endian counters (8 or 4 bytes; absent = 0) and protobuf
/// messages (absent = null). A value that does not have its shape is a broken invariant: an
/// <see cref="InvalidDataException"/> that names it (<c>what</c>, e.g. "an exchange order"). Stateless; thread safe.
/// </summary>
public static class StateValues
{
    public static byte[] U64(ulong value)
    {
        var bytes = new byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }

    public static byte[] U32(uint value)
    {
        var bytes = new byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public static ulong ReadU64(byte[]? value, string what)
    {
        if (value is null) return 0;
        if (value.Length != sizeof(ulong)) throw new InvalidDataException($"state holds {what} that is not 8 bytes");
        return BinaryPrimitives.ReadUInt64BigEndian(value);
    }

    public static uint ReadU32(byte[]? value, string what)
    {
        if (value is null) return 0;
        if (value.Length != sizeof(uint)) throw new InvalidDataException($"state holds {what} that is not 4 bytes");
        return BinaryPrimitives.ReadUInt32BigEndian(value);
    }

    public static T? Decode<T>(byte[]? bytes, MessageParser<T> parser, string what) where T : class, IMessage<T>
    {
        if (bytes is null) return null;
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new InvalidDataException($"state holds {what} value that does not decode", ex);
        }
    }
}
