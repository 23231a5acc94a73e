using Seratio.Core.Addressing;
using Seratio.Core.Crypto;

namespace Seratio.Vm.State;

/// <summary>
/// The registry of module key prefixes. A state key is SHA-256("seratio/key" || prefix || module key).
/// Every prefix lives here, and a test checks they are unique.
/// </summary>
public static class StateKeys
{
    /// <summary>Assets module: account (nonce and SER balance) → AccountState.</summary>
    public const byte AccountPrefix = 0x01;

    /// <summary>Governance: the authority account (one fixed key, 20-byte address value).</summary>
    public const byte AuthorityPrefix = 0x02;

    // Ranges kept for modules so parallel work does not collide (take a prefix inside yours and list it below):
    // 0x03..0x0F validators and evidence · 0x10..0x1F roles · 0x20..0x2F entities · 0x30..0x3F altcoins
    // 0x40..0x4F certificates · 0x50..0x5F microshares · 0x60..0x6F provenance · 0x70.. exchange, DAF, anchor.

    public static readonly IReadOnlyDictionary<string, byte> Registry = new Dictionary<string, byte>
    {
        ["assets/account"] = AccountPrefix,
        ["gov/authority"] = AuthorityPrefix,
    };

    /// <summary>The state key of the authority account.</summary>
    public static Hash32 Authority() => Hashing.Hash(Domains.StateKey, [AuthorityPrefix], []);

    public static Hash32 Account(Address address)
    {
        Span<byte> key = stackalloc byte[1 + Address.Size];
        key[0] = AccountPrefix;
        address.CopyTo(key[1..]);
        // The two-part overload hashes tag || prefix || address in one stack buffer (no hasher object).
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }
}
