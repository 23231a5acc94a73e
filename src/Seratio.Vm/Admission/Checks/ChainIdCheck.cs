using Seratio.Core.Text;
using Seratio.Core.Transactions;

namespace Seratio.Vm.Admission.Checks;

/// <summary>The body names this chain: a signature made for another chain is worthless here. Admission only (blocks are decoded for their chain). Stateless; thread safe.</summary>
public sealed class ChainIdCheck : ITxCheck
{
    private const int PrintedChars = 64;

    public string Name => "chain-id";
    public TxCheckScopes Scopes => TxCheckScopes.Admission;
    public bool NeedsSender => false;

    public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
    {
        ArgumentNullException.ThrowIfNull(tx);
        string chainId = tx.Body.ChainId;
        if (string.Equals(chainId, context.ChainId, StringComparison.Ordinal)) return TxCheckResult.Accepted;
        string printed = SafeText.Clip(chainId, PrintedChars); // the sender's text, bound for a status and the mempool log
        return new(TxCheckOutcome.WrongChain, $"transaction is for chain '{printed}', this node runs '{context.ChainId}'");
    }
}
