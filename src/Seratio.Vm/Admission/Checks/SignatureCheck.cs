using Seratio.Core.Transactions;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// Verifies a transaction's signature over its body, for a check that must not know how (the
/// node verifies once and caches by hash and signature). Implementations are thread safe: the
/// mempool verifies on every core at once.
/// </summary>
public interface ITxSignatureVerifier
{
    bool Verify(SignedTx tx);
}

/// <summary>Verifies every time, with no cache (<see cref="TxDecoder.VerifySignatures"/>). Stateless; thread safe.</summary>
public sealed class DirectSignatureVerifier : ITxSignatureVerifier
{
    public static readonly DirectSignatureVerifier Instance = new();

    public bool Verify(SignedTx tx) => TxDecoder.VerifySignatures(tx);
}

/// <summary>
/// Every signature verifies over exactly the body bytes for this chain (whose keys may sign for the
/// sender is <see cref="SignersCheck"/>'s question). Admission only: blocks carry
/// transactions whose signatures the node verified at admission or when it received the block.
/// Thread safe as the injected verifier is.
/// </summary>
public sealed class SignatureCheck(ITxSignatureVerifier verifier) : ITxCheck
{
    private readonly ITxSignatureVerifier _verifier = verifier ?? throw new ArgumentNullException(nameof(verifier));

    public string Name => "signature";
    public TxCheckScopes Scopes => TxCheckScopes.Admission;
    public bool NeedsSender => false;

    public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (_verifier.Verify(tx)) return TxCheckResult.Accepted;
        string advice = $"sign exactly \"seratio/tx-sign\" || len(chain id) || '{context.ChainId}' || body bytes";
        if (tx.Signers.Count == 1) return new(TxCheckOutcome.BadSignature, $"signature does not verify: {advice} with the sender's key");
        // Rare (a refusal), so finding which one costs a second verification pass.
        int bad = TxDecoder.FirstBadSignature(tx);
        return new(TxCheckOutcome.BadSignature,
            $"signature {bad} (key {tx.Signers[Math.Max(bad, 0)]}) does not verify: {advice} with each signing key");
    }
}
