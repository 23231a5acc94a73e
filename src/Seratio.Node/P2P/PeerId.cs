using Seratio.Core.Crypto;

namespace Seratio.Node.P2P;

/// <summary>
/// A peer's identity: its Ed25519 node key (a validator's consensus key, or an observer's node
/// key), proven in the handshake. Immutable; ordered by key bytes (the order decides which of two
/// simultaneous connections survives).
/// </summary>
public readonly struct PeerId : IEquatable<PeerId>, IComparable<PeerId>
{
    private readonly Hash32 _key; // the 32 key bytes, in Hash32's comparable storage

    public PeerId(PublicKey key)
    {
        Span<byte> bytes = stackalloc byte[PublicKey.Size];
        key.CopyTo(bytes);
        _key = new Hash32(bytes);
        Key = key;
    }

    public PublicKey Key { get; }

    /// <summary>Parses 64 hex digits.</summary>
    public static bool TryParse(string? hex, out PeerId id)
    {
        id = default;
        if (hex is null || hex.Length != PublicKey.Size * 2 || !hex.All(Uri.IsHexDigit)) return false;
        id = new PeerId(PublicKey.FromHex(hex));
        return true;
    }

    /// <summary>The key as 64 lower-case hex digits.</summary>
    public string ToHex() => Convert.ToHexStringLower(Key.ToArray());

    public bool Equals(PeerId other) => _key.Equals(other._key);
    public override bool Equals(object? obj) => obj is PeerId other && Equals(other);
    public override int GetHashCode() => _key.GetHashCode();
    public int CompareTo(PeerId other) => _key.CompareTo(other._key);
    public static bool operator ==(PeerId left, PeerId right) => left.Equals(right);
    public static bool operator !=(PeerId left, PeerId right) => !left.Equals(right);
    public static bool operator <(PeerId left, PeerId right) => left.CompareTo(right) < 0;
    public static bool operator >(PeerId left, PeerId right) => left.CompareTo(right) > 0;

    /// <summary>The first 12 hex digits, enough to tell peers apart in logs.</summary>
    public override string ToString() => ToHex()[..12];
}
