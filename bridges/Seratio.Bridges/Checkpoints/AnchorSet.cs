using System.Numerics;
using Nethereum.Util;

namespace Seratio.Bridges.Checkpoints;

/// <summary>
/// An anchor set: the validators' secp256k1 anchor addresses with their voting powers, sorted
/// by address (docs/anchoring.md). Its <see cref="Hash"/> is the one the contract stores and
/// every checkpoint carries: <c>keccak256(abi.encode(address[] signers, uint256[] powers))</c>.
/// Immutable once built, so thread safe.
/// </summary>
public sealed class AnchorSet
{
    private readonly byte[][] _addresses;
    private readonly ulong[] _powers;

    private AnchorSet(byte[][] addresses, ulong[] powers)
    {
        _addresses = addresses;
        _powers = powers;
        Hash = ComputeHash(addresses, powers);
    }

    /// <summary>The members' addresses as 0x-prefixed lower-case hex, strictly ascending.</summary>
    public IReadOnlyList<string> Addresses => [.. _addresses.Select(a => "0x" + Convert.ToHexStringLower(a))];

    /// <summary>The members' powers, in the order of <see cref="Addresses"/>.</summary>
    public IReadOnlyList<ulong> Powers => _powers;

    /// <summary>The sum of the powers.</summary>
    public BigInteger TotalPower => _powers.Aggregate(BigInteger.Zero, (sum, p) => sum + p);

    /// <summary>keccak256(abi.encode(address[] signers, uint256[] powers)), 32 bytes.</summary>
    public byte[] Hash { get; }

    /// <summary>
    /// A set from members in any order: sorted by address (unsigned bytewise, which is numeric
    /// order of the 160-bit address). Refuses an empty set, a repeated or malformed address, a power of 0.
    /// </summary>
    public static AnchorSet Create(IEnumerable<(string Address, ulong Power)> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var parsed = members.Select(m => (Address: ParseAddress(m.Address), m.Power)).ToList();
        if (parsed.Count == 0) throw new ArgumentException("an anchor set needs at least one member", nameof(members));
        parsed.Sort((a, b) => a.Address.AsSpan().SequenceCompareTo(b.Address));
        for (int i = 0; i < parsed.Count; i++)
        {
            if (parsed[i].Power == 0) throw new ArgumentException($"anchor set member 0x{Convert.ToHexStringLower(parsed[i].Address)} has power 0", nameof(members));
            if (i > 0 && parsed[i].Address.AsSpan().SequenceEqual(parsed[i - 1].Address))
                throw new ArgumentException($"anchor set member 0x{Convert.ToHexStringLower(parsed[i].Address)} appears twice", nameof(members));
        }
        return new AnchorSet([.. parsed.Select(p => p.Address)], [.. parsed.Select(p => p.Power)]);
    }

    /// <summary>
    /// The hash of any address and power lists, as given (unsorted, empty, zero powers
    /// included): what the contract computes for a proposed next set.
    /// </summary>
    public static byte[] HashOf(IReadOnlyList<string> addresses, IReadOnlyList<BigInteger> powers)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(powers);
        return Keccak(AbiEncode([.. addresses.Select(ParseAddress)], powers));
    }

    private static byte[] ComputeHash(byte[][] addresses, ulong[] powers) =>
        Keccak(AbiEncode(addresses, [.. powers.Select(p => new BigInteger(p))]));

    /// <summary>
    /// abi.encode(address[], uint256[]): two head words (offsets 0x40 and 0x40 + 32·(1 + n)),
    /// then each array as its length followed by one 32-byte big-endian word per element.
    /// </summary>
    private static byte[] AbiEncode(IReadOnlyList<byte[]> addresses, IReadOnlyList<BigInteger> powers)
    {
        int n = addresses.Count, m = powers.Count;
        var buffer = new byte[32 * (2 + 1 + n + 1 + m)];
        WriteWord(buffer, 0, 0x40);
        WriteWord(buffer, 1, 0x40 + 32 * (1 + n));
        WriteWord(buffer, 2, n);
        for (int i = 0; i < n; i++) addresses[i].CopyTo(buffer, 32 * (3 + i) + 12);
        WriteWord(buffer, 3 + n, m);
        for (int i = 0; i < m; i++) WriteWord(buffer, 4 + n + i, powers[i]);
        return buffer;
    }

    private static void WriteWord(byte[] buffer, int word, BigInteger value)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32) throw new ArgumentOutOfRangeException(nameof(value), "not a uint256");
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(buffer, 32 * word + 32 - bytes.Length);
    }

    private static byte[] Keccak(byte[] data) => Sha3Keccack.Current.CalculateHash(data);

    private static byte[] ParseAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var hex = address.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? address[2..] : address;
        if (hex.Length != 40) throw new ArgumentException($"'{address}' is not a 20-byte hex address", nameof(address));
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { throw new ArgumentException($"'{address}' is not a 20-byte hex address", nameof(address)); }
    }
}
