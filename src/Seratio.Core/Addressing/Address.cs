using System.Buffers.Binary;
using Google.Protobuf;

using Seratio.Core.Text;

namespace Seratio.Core.Addressing;

/// <summary>
/// An account address: 20 bytes of a public key's hash, written as bech32m with the
/// <c>ser</c> prefix (<c>ser1…</c>). Immutable and thread safe.
/// </summary>
public readonly struct Address : IEquatable<Address>, IComparable<Address>
{
    public const int Size = 20;
    public const string Prefix = "ser";

    private readonly ulong _hi, _mid; private readonly uint _lo;

    public Address(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"An address is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        _hi = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _mid = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _lo = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public static readonly Address Zero;

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _hi);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _mid);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _lo);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public ByteString ToByteString() => ByteString.CopyFrom(ToArray());

    /// <summary>Reads an address from a protobuf field; throws <see cref="FormatException"/> unless it is 20 bytes.</summary>
    public static Address FromByteString(ByteString value, string field)
    {
        if (value.Length != Size)
            throw new FormatException($"{field} must be a {Size}-byte address, got {value.Length} bytes.");
        return new Address(value.Span);
    }

    // The text is the caller's: echoed clipped, so an error message stays short whatever was typed or sent.
    private const int EchoChars = 100;

    public static bool TryParse(string? text, out Address address, out string error)
    {
        address = default;
        if (!Bech32m.TryDecode(text ?? "", out var hrp, out var data, out error))
        {
            error = $"'{SafeText.Clip(text, EchoChars)}' is not a bech32m address: {error}";
            return false;
        }
        if (hrp != Prefix) { error = $"'{SafeText.Clip(text, EchoChars)}' has prefix '{SafeText.Clip(hrp, EchoChars)}', a Seratio address starts with '{Prefix}1'"; return false; }
        if (data.Length != Size) { error = $"'{SafeText.Clip(text, EchoChars)}' carries {data.Length} bytes, an address carries {Size}"; return false; }
        address = new Address(data);
        return true;
    }

    public static Address Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    public bool Equals(Address other) => _hi == other._hi && _mid == other._mid && _lo == other._lo;
    public override bool Equals(object? obj) => obj is Address other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(_hi, _mid, _lo);
    public int CompareTo(Address other)
    {
        int c = _hi.CompareTo(other._hi);
        if (c != 0) return c;
        return (c = _mid.CompareTo(other._mid)) != 0 ? c : _lo.CompareTo(other._lo);
    }
    public static bool operator ==(Address left, Address right) => left.Equals(right);
    public static bool operator !=(Address left, Address right) => !left.Equals(right);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Bech32m.Encode(Prefix, bytes);
    }
}
