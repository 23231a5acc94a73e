using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Seratio.Core.Crypto;

/// <summary>
/// A 256-bit hash (SHA-256 output or a state-tree key). Immutable and thread safe. Ordering
/// and bit numbering are those of the big-endian byte string: bit 0 is the most significant
/// bit of byte 0, as the state tree walks it.
/// </summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>
{
    public const int Size = 32;

    private readonly ulong _a, _b, _c, _d; // big-endian words, most significant first

    public static readonly Hash32 Zero;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A hash is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    private Hash32(ulong a, ulong b, ulong c, ulong d) => (_a, _b, _c, _d) = (a, b, c, d);

    public bool IsZero => (_a | _b | _c | _d) == 0;

    /// <summary>Bit <paramref name="index"/> (0 = most significant bit of byte 0).</summary>
    public int Bit(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, 256);
        ulong word = (index >> 6) switch { 0 => _a, 1 => _b, 2 => _c, _ => _d };
        return (int)((word >> (63 - (index & 63))) & 1);
    }

    /// <summary>Number of leading bits this hash shares with <paramref name="other"/> (256 when equal).</summary>
    public int CommonPrefixLength(in Hash32 other)
    {
        ulong x;
        if ((x = _a ^ other._a) != 0) return System.Numerics.BitOperations.LeadingZeroCount(x);
        if ((x = _b ^ other._b) != 0) return 64 + System.Numerics.BitOperations.LeadingZeroCount(x);
        if ((x = _c ^ other._c) != 0) return 128 + System.Numerics.BitOperations.LeadingZeroCount(x);
        if ((x = _d ^ other._d) != 0) return 192 + System.Numerics.BitOperations.LeadingZeroCount(x);
        return 256;
    }

    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size)
            throw new ArgumentException($"Destination needs {Size} bytes.", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public Google.Protobuf.ByteString ToByteString() => Google.Protobuf.ByteString.CopyFrom(ToArray());

    /// <summary>Reads a hash from a protobuf field; throws <see cref="FormatException"/> unless it is exactly 32 bytes.</summary>
    public static Hash32 FromByteString(Google.Protobuf.ByteString value, string field)
    {
        if (value.Length != Size)
            throw new FormatException($"{field} must be {Size} bytes, got {value.Length}.");
        return new Hash32(value.Span);
    }

    public static bool TryParse(string? hex, out Hash32 hash)
    {
        hash = default;
        if (hex is null) return false;
        if (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) hex = hex[2..];
        if (hex.Length != Size * 2) return false;
        Span<byte> bytes = stackalloc byte[Size];
        if (Convert.FromHexString(hex, bytes, out _, out int written) != System.Buffers.OperationStatus.Done || written != Size)
            return false;
        hash = new Hash32(bytes);
        return true;
    }

    public static Hash32 Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException($"'{hex}' is not a 64-digit hex hash.");

    /// <summary>SHA-256 of <paramref name="data"/> with no domain prefix (callers use <see cref="Hashing"/>).</summary>
    public static Hash32 Sha256(ReadOnlySpan<byte> data)
    {
        Span<byte> output = stackalloc byte[Size];
        SHA256.HashData(data, output);
        return new Hash32(output);
    }

    public bool Equals(Hash32 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);
    public override int GetHashCode() => (int)_d ^ (int)(_d >> 32) ^ (int)_a;
    public int CompareTo(Hash32 other)
    {
        int c = _a.CompareTo(other._a);
        if (c != 0) return c;
        if ((c = _b.CompareTo(other._b)) != 0) return c;
        if ((c = _c.CompareTo(other._c)) != 0) return c;
        return _d.CompareTo(other._d);
    }

    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);
    public static bool operator <(Hash32 left, Hash32 right) => left.CompareTo(right) < 0;
    public static bool operator >(Hash32 left, Hash32 right) => left.CompareTo(right) > 0;
    public static bool operator <=(Hash32 left, Hash32 right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Hash32 left, Hash32 right) => left.CompareTo(right) >= 0;

    /// <summary>Lower-case hex, 64 digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
