using System.Security.Cryptography;
using System.Text;

namespace Seratio.Core.Crypto;

/// <summary>
/// Domain-separated SHA-256: every chain hash is SHA-256(tag || data), the tag being one of
/// <see cref="Domains"/> as ASCII. Two hashes of different kinds can therefore never collide
/// by construction. Thread safe.
/// </summary>
public static class Hashing
{
    public static Hash32 Hash(Domain domain, ReadOnlySpan<byte> data) => Hash(domain, data, []);

    public static Hash32 Hash(Domain domain, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        int length = domain.Tag.Length + first.Length + second.Length;
        // One-shot SHA-256 over a stack buffer: no hasher object per call (this runs per tx and per tree value).
        Span<byte> buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        domain.Tag.CopyTo(buffer);
        first.CopyTo(buffer[domain.Tag.Length..]);
        second.CopyTo(buffer[(domain.Tag.Length + first.Length)..]);
        Span<byte> output = stackalloc byte[Hash32.Size];
        SHA256.HashData(buffer, output);
        return new Hash32(output);
    }
}

/// <summary>A domain-separation tag. The registry of tags is <see cref="Domains"/>.</summary>
public sealed class Domain
{
    internal Domain(string name) { Name = name; Tag = Encoding.ASCII.GetBytes(name); }
    public string Name { get; }
    public byte[] Tag { get; }
    public override string ToString() => Name;
}

/// <summary>Every domain tag the chain hashes or signs under. Names are part of the protocol.</summary>
public static class Domains
{
    /// <summary>Transaction id: SHA-256("seratio/tx" || body bytes).</summary>
    public static readonly Domain Tx = new("seratio/tx");
    /// <summary>Prefix of the bytes a transaction signer signs (followed by chain id length, chain id, body).</summary>
    public static readonly Domain TxSign = new("seratio/tx-sign");
    public static readonly Domain Header = new("seratio/header");
    public static readonly Domain Vote = new("seratio/vote");
    /// <summary>Prefix of the bytes a proposer signs (docs/consensus.md).</summary>
    public static readonly Domain Proposal = new("seratio/proposal");
    /// <summary>A block header's last_commit_hash: SHA-256("seratio/commit" || encoded Commit).</summary>
    public static readonly Domain Commit = new("seratio/commit");
    public static readonly Domain MerkleLeaf = new("seratio/merkle-leaf");
    public static readonly Domain MerkleNode = new("seratio/merkle-node");
    public static readonly Domain StateLeaf = new("seratio/leaf");
    public static readonly Domain StateNode = new("seratio/node");
    public static readonly Domain StateValue = new("seratio/value");
    public static readonly Domain StateKey = new("seratio/key");
    /// <summary>The account that holds a microshare class's backing: first 20 bytes of H(tag || class id).</summary>
    public static readonly Domain MicroshareReserve = new("seratio/microshare-reserve");
    /// <summary>The exchange's escrow account (what open orders locked): first 20 bytes of H(tag).</summary>
    public static readonly Domain ExchangeEscrow = new("seratio/exchange-escrow");
    /// <summary>An order's time priority within its height: H(tag || placing tx hash || message index, 4 bytes big-endian).</summary>
    public static readonly Domain ExchangeOrderPriority = new("seratio/exchange-order-priority");
    /// <summary>The DAF's account: the authority once it governs, and the treasury (fees, grants): first 20 bytes of H(tag).</summary>
    public static readonly Domain DafAccount = new("seratio/daf");
    /// <summary>The account that holds proposal deposits until they are refunded or burned: first 20 bytes of H(tag).</summary>
    public static readonly Domain DafDeposits = new("seratio/daf-deposits");
    /// <summary>The account that holds what stakers locked on grants: first 20 bytes of H(tag).</summary>
    public static readonly Domain DafStakes = new("seratio/daf-stakes");
    /// <summary>The transaction hash a passed proposal's messages run under (exchange priority, derived addresses): H(tag || proposal id, 8 bytes big-endian).</summary>
    public static readonly Domain DafProposalExecution = new("seratio/daf-proposal");
    /// <summary>An organisation account: first 20 bytes of H(tag || creating tx hash || message index, 4 bytes big-endian).</summary>
    public static readonly Domain Multisig = new("seratio/multisig");
    public static readonly Domain Address = new("seratio/address");
    public static readonly Domain Validators = new("seratio/validators");
    public static readonly Domain Genesis = new("seratio/genesis");
    /// <summary>Prefix of the bytes a node signs in the P2P handshake (docs/p2p.md).</summary>
    public static readonly Domain P2PHandshake = new("seratio/p2p-handshake");
    /// <summary>Evidence id: SHA-256("seratio/evidence" || encoded Evidence).</summary>
    public static readonly Domain Evidence = new("seratio/evidence");
}
