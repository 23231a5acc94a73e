using Seratio.Consensus.Signing;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Engine;

/// <summary>
/// Signs the engine's proposals and votes. An implementation persists the signed
/// (height, round, step, block) durably before it returns a signature and refuses anything at or
/// below the last signed state that conflicts with it. Returns false when it refuses.
/// </summary>
public interface IConsensusSigner
{
    PublicKey PublicKey { get; }

    bool TrySignProposal(ulong height, uint round, int polRound, Hash32 blockHash, ReadOnlyMemory<byte> encodedBlock, out byte[] signature);

    /// <summary><paramref name="blockHash"/> is <see cref="Hash32.Zero"/> for nil.</summary>
    bool TrySignVote(VoteStep step, ulong height, uint round, Hash32 blockHash, out byte[] signature);
}

/// <summary>An <see cref="IConsensusSigner"/> behind a <see cref="DoubleSignGuard"/>. Thread safe (the guard's lock).</summary>
public sealed class GuardedSigner : IConsensusSigner
{
    private readonly DoubleSignGuard _guard;
    private readonly string _chainId;

    public GuardedSigner(DoubleSignGuard guard, string chainId)
    {
        _guard = guard ?? throw new ArgumentNullException(nameof(guard));
        _chainId = chainId ?? throw new ArgumentNullException(nameof(chainId));
    }

    public PublicKey PublicKey => _guard.PublicKey;

    /// <summary>The last decision of the guard, for diagnostics.</summary>
    public SignDecision LastDecision { get; private set; }

    public bool TrySignProposal(ulong height, uint round, int polRound, Hash32 blockHash, ReadOnlyMemory<byte> encodedBlock, out byte[] signature)
    {
        LastDecision = _guard.TrySignProposal(_chainId, height, round, polRound, blockHash, encodedBlock, out signature);
        return signature.Length > 0;
    }

    public bool TrySignVote(VoteStep step, ulong height, uint round, Hash32 blockHash, out byte[] signature)
    {
        if (step == VoteStep.Propose) throw new ArgumentOutOfRangeException(nameof(step), step, "proposals are signed with TrySignProposal");
        LastDecision = _guard.TrySign(_chainId, new SignerState(height, round, step, blockHash), default, out signature);
        return signature.Length > 0;
    }
}
