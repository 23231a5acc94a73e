using Seratio.Consensus.Messages;
using Seratio.Consensus.Votes;
using Seratio.Core.Crypto;

namespace Seratio.Consensus.Signing;

/// <summary>What the guard decided about a signing request.</summary>
public enum SignDecision
{
    /// <summary>Above the last signed state: persisted, then signed.</summary>
    Signed,
    /// <summary>Same height/round/step and same block as last signed: signed again (nothing new to persist).</summary>
    Resigned,
    /// <summary>Below the last signed height/round/step.</summary>
    RefusedRegression,
    /// <summary>Same height/round/step as last signed but another block.</summary>
    RefusedConflict,
}

/// <summary>
/// Refuses to sign below or in conflict with the last signed state, and persists every new
/// state (with the block it signs) durably before a signature is produced. Thread safe: one
/// signing at a time.
/// </summary>
public sealed class DoubleSignGuard
{
    private readonly ISignerStateStore _store;
    private readonly SigningKey _key;
    private readonly Lock _lock = new();
    private SignerRecord? _last;

    public DoubleSignGuard(ISignerStateStore store, SigningKey key)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _key = key ?? throw new ArgumentNullException(nameof(key));
        _last = store.Load();
    }

    public PublicKey PublicKey => _key.PublicKey;

    /// <summary>The last record signed (or loaded at start), with its pending block.</summary>
    public SignerRecord? Last
    {
        get { lock (_lock) return _last; }
    }

    /// <summary>What <see cref="TrySign"/> would decide for <paramref name="next"/>, without signing.</summary>
    public SignDecision Check(SignerState next)
    {
        lock (_lock) return Decide(_last?.State, next);
    }

    /// <summary>
    /// Signs the vote bytes of <paramref name="next"/> under <paramref name="chainId"/> if allowed;
    /// a new state is saved with <paramref name="pendingBlock"/> before signing.
    /// </summary>
    public SignDecision TrySign(string chainId, SignerState next, ReadOnlyMemory<byte> pendingBlock, out byte[] signature) =>
        TrySignCore(next, pendingBlock, () => VoteSignBytes.Create(chainId, next.Height, next.Round, next.Step, next.BlockHash), out signature);

    /// <summary>
    /// Signs a proposal (<see cref="ProposalSignBytes"/>) at (height, round, <see cref="VoteStep.Propose"/>) of
    /// <paramref name="blockHash"/> under the same rule as votes: never two blocks at one round, never below the last state.
    /// </summary>
    public SignDecision TrySignProposal(string chainId, ulong height, uint round, int polRound, Hash32 blockHash,
        ReadOnlyMemory<byte> pendingBlock, out byte[] signature)
    {
        var next = new SignerState(height, round, VoteStep.Propose, blockHash);
        return TrySignCore(next, pendingBlock, () => ProposalSignBytes.Create(chainId, height, round, polRound, blockHash), out signature);
    }

    private SignDecision TrySignCore(SignerState next, ReadOnlyMemory<byte> pendingBlock, Func<byte[]> signBytes, out byte[] signature)
    {
        lock (_lock)
        {
            var decision = Decide(_last?.State, next);
            signature = [];
            if (decision is SignDecision.RefusedConflict or SignDecision.RefusedRegression) return decision;
            if (decision == SignDecision.Signed)
            {
                var record = new SignerRecord(next, pendingBlock.ToArray());
                _store.Save(record);
                _last = record;
            }
            signature = _key.Sign(signBytes());
            return decision;
        }
    }

    /// <summary>The rule, as a pure function.</summary>
    public static SignDecision Decide(SignerState? last, SignerState next)
    {
        if (last is not { } l) return SignDecision.Signed;
        int c = next.CompareHrs(l);
        if (c > 0) return SignDecision.Signed;
        if (c < 0) return SignDecision.RefusedRegression;
        return next.BlockHash == l.BlockHash ? SignDecision.Resigned : SignDecision.RefusedConflict;
    }
}
