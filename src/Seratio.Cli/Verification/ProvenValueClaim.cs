using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;

namespace Seratio.Cli.Verification;

/// <summary>
/// A state value the node showed with its proof, for kinds checked only through the node's answer (microshare lots,
/// provenance records): the proof must be a membership proof of <paramref name="key"/> whose bytes decode to exactly
/// <paramref name="shown"/> (protobuf value equality, so one changed field is refused) and lead to the believed
/// header's state root, which must also be the root the node stated. Immutable.
/// </summary>
internal sealed class ProvenValueClaim<T>(string what, Hash32 key, T shown, MessageParser<T> parser, ulong height, ByteString stateRoot, StateProof? proof)
    : IStateClaim where T : class, IMessage<T>
{
    public string What => what;

    public ulong Height => height;

    public BlockEvidence? Block => null;

    public IReadOnlyList<ValidatorChange>? ValidatorChanges => null;

    /// <summary>The value as the node showed it.</summary>
    public T Shown => shown;

    public StateProof? Proof(out string reason)
    {
        reason = proof is null ? "the node answered without the requested proof" : "";
        return proof;
    }

    public bool Check(BlockHeader header, out string reason)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (proof is null) return Fail("the node answered without the requested proof", out reason);
        if (header.StateRoot.Length != Hash32.Size) return Fail("the block header has no 32-byte state root", out reason);
        var root = new Hash32(header.StateRoot.Span);
        if (stateRoot != header.StateRoot) return Fail($"the stated state root {Convert.ToHexStringLower(stateRoot.Span)} is not block {header.Height}'s {root}", out reason);
        if (proof.Key != key.ToByteString()) return Fail($"the proof is of key {Convert.ToHexStringLower(proof.Key.Span)}, not {what}'s key {key}", out reason);
        if (!proof.Exists) return Fail($"the proof shows no {what} in this state", out reason);
        T proven;
        try { proven = parser.ParseFrom(proof.Value); }
        catch (InvalidProtocolBufferException) { return Fail($"the proven value is not an encoded {typeof(T).Name}", out reason); }
        if (!StateProofVerifier.Verify(root, proof, out var why)) return Fail($"the proof does not lead to the state root: {why}", out reason);
        if (!proven.Equals(shown)) return Fail($"the {what} shown differs from the proven value", out reason);
        reason = "";
        return true;
    }

    private static bool Fail(string why, out string reason)
    {
        reason = why;
        return false;
    }
}
