using Seratio.Protocol;

namespace Seratio.Cli.Verification;

/// <summary>
/// A value claimed to be in the chain's state at a height, with the state proof that should show it: a certificate,
/// an account, a microshare lot or a provenance record. Each kind knows its own state key and decoding; the
/// <see cref="ClaimVerifier"/> decides which header (the node's, one certified by trusted validators, or one whose hash
/// an anchor contract holds) the claim is checked against. Implementations are immutable.
/// </summary>
internal interface IStateClaim
{
    /// <summary>What is claimed, for messages ("certificate 7").</summary>
    string What { get; }

    /// <summary>The height the proof is of.</summary>
    ulong Height { get; }

    /// <summary>The block header and commit the claim carries, or null (older documents; answers from a node).</summary>
    BlockEvidence? Block { get; }

    /// <summary>
    /// The validator-set changes from height 1 to <see cref="Height"/> the claim carries (empty: none happened), or null
    /// when it carries none (older documents; answers from a node): then they are fetched when needed.
    /// </summary>
    IReadOnlyList<ValidatorChange>? ValidatorChanges { get; }

    /// <summary>The decoded state proof, or null (with <paramref name="reason"/>) when there is none or it is malformed.</summary>
    StateProof? Proof(out string reason);

    /// <summary>
    /// Checks, locally, that the proof leads from <paramref name="header"/>'s state root to exactly the value shown:
    /// the key is this value's key, the proven bytes decode to it, and the claimed root is the header's.
    /// </summary>
    bool Check(BlockHeader header, out string reason);
}
