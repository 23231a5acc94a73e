using CsCheck;
using Seratio.Core.Chain;
using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

/// <summary>
/// Execution's pre-check became the execution subset of the ordered checks. Receipts (code and
/// log) feed the header's results_root, so the subset must answer exactly what the former
/// PreCheck.Run answered; that function is kept here, verbatim, as the reference.
/// </summary>
public class ExecutionPreCheckEquivalenceTests
{
    [Fact]
    public void ExecutionChecks_GiveTheFormerPreChecksCodeAndLog()
    {
        var tx = Gen.Select(Gen.ULong[0, 4], Gen.ULong[0, 3], Gen.ULong[1, 200_000], Gen.ULong[0, 6]);
        var block = Gen.Select(Gen.ULong[0, 4], Gen.ULong[0, 400_000], Gen.ULong[1, 6], Gen.ULong[0, 3]);
        Gen.Select(tx, block).Sample(sample =>
        {
            var ((nonce, price, limit, expiry), (stateNonce, balance, height, minPrice)) = sample;
            // 4 stands for the extremes: a nonce of 2^64-1 (the account's is then exhausted).
            if (nonce == 4) nonce = ulong.MaxValue;
            if (stateNonce == 4) stateNonce = ulong.MaxValue;
            var signed = TxBuilder.From("alice").Nonce(nonce).Gas(limit, price).Expiry(expiry).Transfer("bob", 1).FakeSignature().Build();
            var p = Blocks.Params with { MinGasPrice = minPrice };
            var account = new AccountRecord(stateNonce, balance);
            var context = new TxCheckContext(TxCheckMode.Execution, TxBuilder.ChainId, height, p) { Sender = SenderView.AtExecution(account) };

            var expected = FormerPreCheck(signed.Body, account, height, p);
            var actual = TxCheckList.Execution.Run(signed, context);

            Assert.Equal(expected.Code, TxCheckResult.ToResultCode(actual.Outcome));
            Assert.Equal(expected.Log, actual.Reason);
        }, seed: "0N0XIULC3Hq6", iter: 2_000, threads: 1);
    }

    /// <summary>src/Seratio.Vm/Execution/PreCheck.cs as it was before the checks (commit 2f03446).</summary>
    private static (ResultCode Code, string Log) FormerPreCheck(TxBody body, AccountRecord sender, ulong height, ChainParams p)
    {
        if (body.ExpiryHeight != 0 && body.ExpiryHeight < height)
            return (ResultCode.Expired, $"transaction expired at height {body.ExpiryHeight}; the block is at height {height}");
        if (sender.Nonce == ulong.MaxValue)
            return (ResultCode.BadNonce, "the account nonce is exhausted; this account can send no more transactions");
        if (body.Nonce != sender.Nonce)
            return (ResultCode.BadNonce, $"nonce {body.Nonce} is not the account nonce {sender.Nonce}");
        if (body.GasPrice < p.MinGasPrice)
            return (ResultCode.FeeTooLow, $"gas_price {body.GasPrice} is below the minimum {p.MinGasPrice}");
        var maxFee = new Amount((UInt128)body.GasLimit * body.GasPrice);
        if (sender.Balance < maxFee)
            return (ResultCode.InsufficientFunds,
                $"balance {sender.Balance} cannot pay gas_limit {body.GasLimit} × gas_price {body.GasPrice} = {maxFee} (SER base units)");
        return (ResultCode.Ok, "");
    }
}
