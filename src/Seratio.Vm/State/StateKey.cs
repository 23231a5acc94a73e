using System.Buffers.Binary;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Vm.State;

/// <summary>
/// The one way a module builds a state key: SHA-256("seratio/key" || prefix || module key). The
/// module key is written big-endian field by field through <see cref="Builder"/>, or through the
/// shortcuts for the common shapes (fixed, id, address, symbol). Every <c>&lt;Module&gt;Keys</c> class in
/// <c>Modules/&lt;Module&gt;/</c> builds its keys here, so the layout rules live in one place. Stateless;
/// thread safe.
/// </summary>
public static class StateKey
{
    /// <summary>Longest text (symbol, method id) a key can hold: its length is one byte.</summary>
    public const int MaxTextLength = byte.MaxValue;

    /// <summary>Longest raw owner key (<see cref="Builder.Bytes"/>) a key accepts.</summary>
    public const int MaxBytesLength = 256;

    /// <summary>A single-value key: the prefix alone.</summary>
    public static Hash32 Fixed(byte prefix) => Hashing.Hash(Domains.StateKey, [prefix], []);

    /// <summary>prefix || id (8 bytes big-endian).</summary>
    public static Hash32 Id(byte prefix, ulong id) => new Builder(prefix, stackalloc byte[1 + sizeof(ulong)]).UInt64(id).Build();

    /// <summary>prefix || address (20 bytes).</summary>
    public static Hash32 Address(byte prefix, Address address) => new Builder(prefix, stackalloc byte[1 + Core.Addressing.Address.Size]).Address(address).Build();

    /// <summary>prefix || text (ASCII, no length byte: only for keys where the text is the whole module key).</summary>
    public static Hash32 Text(byte prefix, string text, string what)
    {
        CheckText(text, what);
        return new Builder(prefix, stackalloc byte[1 + text.Length]).Ascii(text, what).Build();
    }

    /// <summary>prefix || hash (32 bytes).</summary>
    public static Hash32 Hash(byte prefix, Hash32 hash) => new Builder(prefix, stackalloc byte[1 + Hash32.Size]).Hash(hash).Build();

    /// <summary>Throws when <paramref name="text"/> is null or longer than <see cref="MaxTextLength"/>.</summary>
    public static void CheckText(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text, what);
        if (text.Length > MaxTextLength) throw new ArgumentException($"{what} is longer than {MaxTextLength} characters", what);
    }

    /// <summary>
    /// Writes a composite module key into a caller's buffer of exactly the key's size (prefix byte
    /// included) and hashes it. A value on the caller's stack; not shared.
    /// </summary>
    public ref struct Builder
    {
        private readonly Span<byte> _buffer;
        private int _length;

        public Builder(byte prefix, Span<byte> buffer)
        {
            _buffer = buffer;
            _buffer[0] = prefix;
            _length = 1;
        }

        public Builder UInt64(ulong value)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_buffer[_length..], value);
            _length += sizeof(ulong);
            return this;
        }

        public Builder UInt32(uint value)
        {
            BinaryPrimitives.WriteUInt32BigEndian(_buffer[_length..], value);
            _length += sizeof(uint);
            return this;
        }

        public Builder Byte(byte value)
        {
            _buffer[_length++] = value;
            return this;
        }

        public Builder Address(Address address)
        {
            address.CopyTo(_buffer.Slice(_length, Core.Addressing.Address.Size));
            _length += Core.Addressing.Address.Size;
            return this;
        }

        public Builder Hash(Hash32 hash)
        {
            hash.CopyTo(_buffer.Slice(_length, Hash32.Size));
            _length += Hash32.Size;
            return this;
        }

        /// <summary>ASCII text without its length: last in a key, or of a fixed length.</summary>
        public Builder Ascii(string text, string what)
        {
            CheckText(text, what);
            System.Text.Encoding.ASCII.GetBytes(text, _buffer.Slice(_length, text.Length));
            _length += text.Length;
            return this;
        }

        /// <summary>One length byte, then the ASCII text: what follows can never run into the text.</summary>
        public Builder LengthAndAscii(string text, string what)
        {
            CheckText(text, what);
            return Byte((byte)text.Length).Ascii(text, what);
        }

        /// <summary>Raw bytes (at most <see cref="MaxBytesLength"/>), e.g. an index owner's own key.</summary>
        public Builder Bytes(ReadOnlySpan<byte> bytes, string what)
        {
            if (bytes.Length > MaxBytesLength) throw new ArgumentException($"{what} is at most {MaxBytesLength} bytes", what);
            bytes.CopyTo(_buffer[_length..]);
            _length += bytes.Length;
            return this;
        }

        /// <summary>The state key of what was written; the buffer must be exactly filled.</summary>
        public readonly Hash32 Build()
        {
            if (_length != _buffer.Length) throw new InvalidOperationException($"a state key buffer of {_buffer.Length} bytes holds {_length}");
            return Hashing.Hash(Domains.StateKey, _buffer[..1], _buffer[1.._length]);
        }
    }
}
