using Seratio.Core.Addressing;

namespace Seratio.Core.Crypto;

/// <summary>An Ed25519 public key (32 bytes). Immutable and thread safe.</summary>
public readonly struct PublicKey : IEquatable<PublicKey>
{
    public const int Size = 32;
    private readonly Hash32 _bytes; // 32 opaque bytes; reuses Hash32's compact, comparable storage

    public PublicKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"An Ed25519 public key is {Size} bytes, got {bytes.Length}.", nameof(bytes));
        _bytes = new Hash32(bytes);
    }

    public void CopyTo(Span<byte> destination) => _bytes.CopyTo(destination);
    public byte[] ToArray() => _bytes.ToArray();
    public Google.Protobuf.ByteString ToByteString() => _bytes.ToByteString();

    /// <summary>The account address of this key: the first 20 bytes of SHA-256("seratio/address" || key).</summary>
    public Address ToAddress()
    {
        Span<byte> key = stackalloc byte[Size];
        CopyTo(key);
        Span<byte> digest = stackalloc byte[Hash32.Size];
        Hashing.Hash(Domains.Address, key).CopyTo(digest);
        return new Address(digest[..Address.Size]);
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) => Ed25519.Verify(this, message, signature);

    public bool Equals(PublicKey other) => _bytes.Equals(other._bytes);
    public override bool Equals(object? obj) => obj is PublicKey other && Equals(other);
    public override int GetHashCode() => _bytes.GetHashCode();
    public static bool operator ==(PublicKey left, PublicKey right) => left.Equals(right);
    public static bool operator !=(PublicKey left, PublicKey right) => !left.Equals(right);
    public override string ToString() => _bytes.ToString();

    public static PublicKey FromHex(string hex) => new(Convert.FromHexString(hex));
}
