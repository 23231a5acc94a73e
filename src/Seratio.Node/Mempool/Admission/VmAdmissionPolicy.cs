using System.Text;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.State;

namespace Seratio.Node.Mempool.Admission;

/// <summary>
/// The admission rules of the Vm, seen through <see cref="IAdmissionPolicy"/>. Stateless; thread safe.
/// </summary>
/// <remarks>
/// MERGE NOTE: the Vm engineer is writing these rules as Seratio.Vm.MessageValidation.TryValidate,
/// Seratio.Vm.AdmissionRules.Check / MaxSpend and Seratio.Vm.Accounts.Read. Until those exist on
/// this branch, the obvious rules are implemented here. After the merge, replace each method
/// body with the one-line call noted above it, and keep this class as the only place the pool
/// touches the Vm.
/// </remarks>
internal sealed class VmAdmissionPolicy : IAdmissionPolicy
{
    public const int MaxMemoBytes = 256;

    // MERGE: => Seratio.Vm.MessageValidation.TryValidate(body, parameters, out _, out reason);
    public bool TryValidateMessages(TxBody body, ChainParams parameters, out string reason)
    {
        for (int i = 0; i < body.Msgs.Count; i++)
        {
            var msg = body.Msgs[i];
            switch (msg.KindCase)
            {
                case Msg.KindOneofCase.Transfer:
                    if (!TryValidateTransfer(msg.Transfer, $"msgs[{i}].transfer", out reason)) return false;
                    break;
                default:
                    reason = $"msgs[{i}] carries no known message kind; this node knows: transfer";
                    return false;
            }
        }
        reason = "";
        return true;
    }

    private static bool TryValidateTransfer(MsgTransfer transfer, string field, out string reason)
    {
        if (transfer.To.Length != Address.Size)
        {
            reason = $"{field}.to must be a {Address.Size}-byte address, got {transfer.To.Length} bytes";
            return false;
        }
        if (transfer.Denom != Ser.Symbol)
        {
            reason = $"{field}.denom is '{transfer.Denom}'; only '{Ser.Symbol}' can be transferred";
            return false;
        }
        if (!Amount.TryParse(transfer.Amount, out var amount, out var error))
        {
            reason = $"{field}.amount: {error}";
            return false;
        }
        if (amount.IsZero)
        {
            reason = $"{field}.amount is 0; transfer at least 1 base unit";
            return false;
        }
        if (Encoding.UTF8.GetByteCount(transfer.Memo) > MaxMemoBytes)
        {
            reason = $"{field}.memo is longer than {MaxMemoBytes} UTF-8 bytes";
            return false;
        }
        reason = "";
        return true;
    }

    // MERGE: => Seratio.Vm.Accounts.Read(state, address) mapped to AccountSnapshot.
    public AccountSnapshot ReadAccount(IStateReader state, Address address)
    {
        var bytes = state.Get(StateKeys.Account(address));
        if (bytes is null) return new AccountSnapshot(0, Amount.Zero);
        var account = AccountState.Parser.ParseFrom(bytes);
        return new AccountSnapshot(account.Nonce, Amount.Parse(account.Balance));
    }

    // MERGE: => Seratio.Vm.AdmissionRules.Check(account, tx, parameters, nextHeight, expectedNonce: tx.Nonce, pendingSpend)
    //           with its Outcome mapped onto AdmitOutcome.
    public StateCheck Check(AccountSnapshot account, SignedTx tx, ChainParams parameters, ulong nextHeight, Amount pendingSpend)
    {
        var body = tx.Body;
        if (body.ExpiryHeight != 0 && body.ExpiryHeight < nextHeight)
            return new(AdmitOutcome.Expired,
                $"transaction expired at height {body.ExpiryHeight}; the next block is {nextHeight}. Sign it again with a later expiry_height (or 0)");
        if (body.GasPrice < parameters.MinGasPrice)
            return new(AdmitOutcome.FeeTooLow,
                $"gas_price {body.GasPrice} is below this chain's minimum {parameters.MinGasPrice}; raise it to at least {parameters.MinGasPrice}");
        var needed = IntrinsicGas(tx, parameters);
        if (body.GasLimit < needed)
            return new(AdmitOutcome.FeeTooLow,
                $"gas_limit {body.GasLimit} is below the {needed} gas this transaction needs (base + bytes + messages); raise gas_limit");
        var spend = MaxSpend(tx);
        if (!spend.TryAdd(pendingSpend, out var total) || total > account.Balance)
            return new(AdmitOutcome.InsufficientFunds,
                $"balance of {tx.Sender} is {account.Balance} base units; this transaction may spend {spend} and pending ones {pendingSpend}. Fund the account or lower the amount or fee");
        return StateCheck.Pass;
    }

    // MERGE: => Seratio.Vm.AdmissionRules.MaxSpend(tx)
    public Amount MaxSpend(SignedTx tx)
    {
        var total = new Amount((UInt128)tx.Body.GasLimit * tx.Body.GasPrice);
        foreach (var msg in tx.Body.Msgs)
        {
            if (msg.KindCase != Msg.KindOneofCase.Transfer || msg.Transfer.Denom != Ser.Symbol) continue;
            if (!Amount.TryParse(msg.Transfer.Amount, out var amount, out _)) continue;
            if (!total.TryAdd(amount, out total)) return Amount.MaxValue;
        }
        return total;
    }

    private static ulong IntrinsicGas(SignedTx tx, ChainParams parameters)
    {
        UInt128 gas = parameters.GasTxBase + (UInt128)parameters.GasPerByte * (ulong)tx.Size
            + (UInt128)parameters.GasTransfer * (ulong)tx.Body.Msgs.Count;
        return gas > ulong.MaxValue ? ulong.MaxValue : (ulong)gas;
    }
}
