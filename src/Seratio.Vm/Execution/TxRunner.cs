using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Fees;
using Seratio.Vm.State;

namespace Seratio.Vm.Execution;

/// <summary>
/// The pipeline of one transaction: pre-checks (<see cref="TxCheckList.Execution"/>: free, no
/// change on failure); gas; nonce and fee (<see cref="FeeRule.Charge"/>; kept even when messages
/// fail; the fee goes to the proposer); messages in a transaction view committed only when all
/// succeed. Not thread safe (one per block).
/// </summary>
internal sealed class TxRunner
{
    private readonly BlockState _block;
    private readonly TxState _tx;
    private readonly BlockContext _context;
    private readonly List<Event> _events = new(4);
    private readonly MessageRunner _messages;
    private readonly TxCheckContext _checkContext;

    public TxRunner(BlockState block, BlockContext context)
    {
        _block = block;
        _tx = new TxState(block);
        _context = context;
        _messages = new MessageRunner(_tx, context, _events);
        _checkContext = new TxCheckContext(TxCheckMode.Execution, context.ChainId, context.Height, context.Params);
    }

    public Receipt Run(SignedTx tx, uint index)
    {
        var body = tx.Body;
        var p = _context.Params;
        var sender = _block.GetAccount(tx.Sender);

        // Only a transaction not signed by the sender's own key alone can be an organisation account's.
        var organisation = tx.SignedBySenderKey ? null : Modules.Organisations.Multisig.Get(_block, tx.Sender);
        var pre = TxCheckList.Execution.Run(tx, _checkContext with { Sender = SenderView.AtExecution(sender, organisation) });
        if (!pre.IsAccepted) return NewReceipt(tx, index, TxCheckResult.ToResultCode(pre.Outcome), pre.Reason, 0, Amount.Zero);

        var charge = FeeRule.Charge(p, body, tx.Size);
        ulong gas = charge.Gas;
        var fee = charge.Fee;

        // The pre-check guaranteed balance >= FeeRule.MaxFee >= fee, and nonce < ulong.MaxValue.
        _block.SetAccount(tx.Sender, new AccountRecord(sender.Nonce + 1, sender.Balance - fee));
        if (!fee.IsZero)
        {
            var proposer = _block.GetAccount(_context.Proposer);
            _block.SetAccount(_context.Proposer, proposer.WithBalance(proposer.Balance + fee));
        }

        if (charge.OutOfGas)
            return NewReceipt(tx, index, ResultCode.OutOfGas,
                $"transaction needs {gas} gas but gas_limit is {body.GasLimit}; raise gas_limit to at least {gas}",
                body.GasLimit, fee);

        var result = _messages.Run(body, tx.Sender, tx.Hash);
        if (!result.IsOk)
        {
            _tx.Discard();
            _events.Clear();
            return NewReceipt(tx, index, result.Code, result.Log, gas, fee);
        }

        _tx.Commit();
        var receipt = NewReceipt(tx, index, ResultCode.Ok, "", gas, fee);
        receipt.Events.Add(_events);
        _events.Clear();
        return receipt;
    }

    private Receipt NewReceipt(SignedTx tx, uint index, ResultCode code, string log, ulong gasUsed, Amount fee) => new()
    {
        TxHash = tx.Hash.ToByteString(),
        Height = _context.Height,
        Index = index,
        Code = code,
        Log = log,
        GasUsed = gasUsed,
        Fee = fee.IsZero ? "0" : fee.ToString(),
    };
}
