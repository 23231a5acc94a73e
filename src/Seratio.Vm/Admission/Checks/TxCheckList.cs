using Seratio.Core.Transactions;

namespace Seratio.Vm.Admission.Checks;

/// <summary>
/// Checks in one order; <see cref="Run"/> returns the first failure, so a transaction wrong in
/// several ways hears about the earliest rule it breaks. <see cref="Standard"/> is the order
/// docs/transactions.md lists ("Admission checks, in order"); the mempool runs it (the checks
/// that need no sender in parallel, then the rest under its lock) and block execution runs
/// <see cref="Execution"/>, its deterministic subset. Invariant: no check that needs no sender
/// follows one that needs it. Immutable; thread safe as its checks are.
/// </summary>
public sealed class TxCheckList
{
    private readonly ITxCheck[] _checks;

    public TxCheckList(IEnumerable<ITxCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        _checks = [.. checks];
        bool senderSeen = false;
        foreach (var check in _checks)
        {
            ArgumentNullException.ThrowIfNull(check, nameof(checks));
            if (senderSeen && !check.NeedsSender)
                throw new ArgumentException($"check '{check.Name}' needs no sender but follows one that does; the mempool could not run it before reading the sender", nameof(checks));
            senderSeen |= check.NeedsSender;
        }
    }

    /// <summary>
    /// The checks of this chain, in order: chain id, expiry, message fields, signature (through
    /// <paramref name="verifier"/>), signers, nonce window, fee, funds.
    /// </summary>
    public static TxCheckList Standard(ITxSignatureVerifier verifier) => new(
    [
        new ChainIdCheck(),
        new ExpiryCheck(),
        new MessageFieldsCheck(),
        new SignatureCheck(verifier),
        new SignersCheck(),
        new NonceWindowCheck(),
        new FeeCheck(),
        new FundsCheck(),
    ]);

    /// <summary>Execution's pre-check: expiry, signers, nonce, fee, funds. Deterministic; a failure changes no state and charges nothing.</summary>
    public static TxCheckList Execution { get; } = Standard(DirectSignatureVerifier.Instance).In(TxCheckScopes.Execution);

    public IReadOnlyList<ITxCheck> Checks => _checks;

    /// <summary>The checks that run in <paramref name="scope"/>, in the same order.</summary>
    public TxCheckList In(TxCheckScopes scope) => new(_checks.Where(c => (c.Scopes & scope) != 0));

    /// <summary>The checks that need the sender (<paramref name="needsSender"/> true) or not, in the same order.</summary>
    public TxCheckList WhereSenderNeeded(bool needsSender) => new(_checks.Where(c => c.NeedsSender == needsSender));

    /// <summary>Runs the checks in order and returns the first failure, or <see cref="TxCheckResult.Accepted"/>.</summary>
    public TxCheckResult Run(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        foreach (var check in _checks)
        {
            var result = check.Check(tx, context);
            if (!result.IsAccepted) return result;
        }
        return TxCheckResult.Accepted;
    }
}
