using Seratio.Core.Crypto;

namespace Seratio.Core.Addressing;

/// <summary>
/// Addresses that belong to no key: the first 20 bytes of SHA-256(domain tag || data). No key's address is
/// derived this way (those hash a public key under <see cref="Domains.Address"/>), so nobody can sign for them;
/// only the module that owns the domain moves what they hold. Stateless; thread safe.
/// </summary>
public static class KeylessAddress
{
    public static Address Of(Domain domain, ReadOnlySpan<byte> data = default)
    {
        Span<byte> hash = stackalloc byte[Hash32.Size];
        Hashing.Hash(domain, data).CopyTo(hash);
        return new Address(hash[..Address.Size]);
    }
}
