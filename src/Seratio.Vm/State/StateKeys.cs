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

    public static readonly IReadOnlyDictionary<string, byte> Registry = new Dictionary<string, byte>
    {
        ["assets/account"] = AccountPrefix,
    };

    public static Hash32 Account(Address address)
    {
        Span<byte> key = stackalloc byte[1 + Address.Size];
        key[0] = AccountPrefix;
        address.CopyTo(key[1..]);
        // The two-part overload hashes tag || prefix || address in one stack buffer (no hasher object).
        return Hashing.Hash(Domains.StateKey, key[..1], key[1..]);
    }
}
