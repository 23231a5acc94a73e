using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Execution;

/// <summary>
/// The rule matrix of the transaction pipeline. Pre-check failures cost nothing and change
/// nothing; message failures keep fee and nonce but no message write.
/// </summary>
public class TxRuleMatrixTests
{
    private const ulong Height = 10;
    private const ulong AliceBalance = 1_000_000;
    private const ulong AliceNonce = 3;

    public enum Stage { PreCheck, Messages, Success }

    public static TheoryData<string, ResultCode, Stage> Cases => new()
    {
        { "valid", ResultCode.Ok, Stage.Success },
        { "expiry equal to height", ResultCode.Ok, Stage.Success },
        { "expiry 0 never expires", ResultCode.Ok, Stage.Success },
        { "gas price equal to minimum", ResultCode.Ok, Stage.Success },
        { "balance exactly limit x price", ResultCode.Ok, Stage.Success },
        { "memo of 256 bytes", ResultCode.Ok, Stage.Success },
        { "expired", ResultCode.Expired, Stage.PreCheck },
        { "nonce too high", ResultCode.BadNonce, Stage.PreCheck },
        { "nonce reused", ResultCode.BadNonce, Stage.PreCheck },
        { "gas price below minimum", ResultCode.FeeTooLow, Stage.PreCheck },
        { "balance below limit x price", ResultCode.InsufficientFunds, Stage.PreCheck },
        { "zero amount", ResultCode.InvalidMsg, Stage.Messages },
        { "amount with leading zero", ResultCode.InvalidMsg, Stage.Messages },
        { "amount not a number", ResultCode.InvalidMsg, Stage.Messages },
        { "amount above 2^128-1", ResultCode.InvalidMsg, Stage.Messages },
        { "unknown denom", ResultCode.InvalidMsg, Stage.Messages },
        { "recipient of 19 bytes", ResultCode.InvalidMsg, Stage.Messages },
        { "memo of 257 bytes", ResultCode.InvalidMsg, Stage.Messages },
        { "memo of 86 three-byte chars", ResultCode.InvalidMsg, Stage.Messages },
        { "amount above balance", ResultCode.InsufficientFunds, Stage.Messages },
        { "empty message", ResultCode.InvalidMsg, Stage.Messages },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pipeline_AppliesTheRule(string name, ResultCode expected, Stage stage)
    {
        var state = new MemoryState().WithAccount("alice", AliceBalance, AliceNonce).WithAccount("bob", 10);
        var tx = Build(name);

        var outcome = Blocks.Execute(state, Blocks.Context(Height), tx);

        var receipt = Assert.Single(outcome.Receipts);
        Assert.Equal(expected, receipt.Code);
        switch (stage)
        {
            case Stage.PreCheck:
                Assert.Empty(outcome.Changes);
                Assert.Equal(0UL, receipt.GasUsed);
                Assert.Equal("0", receipt.Fee);
                Assert.NotEmpty(receipt.Log);
                break;
            case Stage.Messages:
                state.Apply(outcome.Changes);
                Assert.Equal(AliceNonce + 1, state.Account("alice").Nonce);
                Assert.Equal(new Core.Numerics.Amount(AliceBalance - receipt.GasUsed * tx.Body.GasPrice), state.Account("alice").Balance);
                Assert.Equal(new Core.Numerics.Amount(10), state.Account("bob").Balance);
                Assert.Equal(2, outcome.Changes.Count); // alice and the proposer
                Assert.StartsWith("message 0", receipt.Log);
                Assert.Empty(receipt.Events);
                break;
            case Stage.Success:
                state.Apply(outcome.Changes);
                Assert.Equal(AliceNonce + 1, state.Account("alice").Nonce);
                Assert.Equal(new Core.Numerics.Amount(11), state.Account("bob").Balance);
                Assert.Single(receipt.Events);
                Assert.Empty(receipt.Log);
                break;
        }
    }

    private static SignedTx Build(string name)
    {
        var tx = TxBuilder.From("alice").Nonce(AliceNonce).Gas(100_000, 1);
        return (name switch
        {
            "valid" => tx.Transfer("bob", 1),
            "expiry equal to height" => tx.Expiry(Height).Transfer("bob", 1),
            "expiry 0 never expires" => tx.Expiry(0).Transfer("bob", 1),
            "gas price equal to minimum" => tx.Gas(100_000, Blocks.Params.MinGasPrice).Transfer("bob", 1),
            "balance exactly limit x price" => tx.Gas(AliceBalance / 10, 10).Transfer("bob", "1"),
            "memo of 256 bytes" => tx.Transfer("bob", "1", memo: new string('m', 256)),
            "expired" => tx.Expiry(Height - 1).Transfer("bob", 1),
            "nonce too high" => tx.Nonce(AliceNonce + 1).Transfer("bob", 1),
            "nonce reused" => tx.Nonce(AliceNonce - 1).Transfer("bob", 1),
            "gas price below minimum" => tx.Gas(100_000, Blocks.Params.MinGasPrice - 1).Transfer("bob", 1),
            "balance below limit x price" => tx.Gas(AliceBalance / 10 + 1, 10).Transfer("bob", 1),
            "zero amount" => tx.Transfer("bob", "0"),
            "amount with leading zero" => tx.Transfer("bob", "01"),
            "amount not a number" => tx.Transfer("bob", "1.5"),
            "amount above 2^128-1" => tx.Transfer("bob", "340282366920938463463374607431768211456"),
            "unknown denom" => tx.Transfer("bob", "1", denom: "USD"),
            "recipient of 19 bytes" => tx.Message(new Msg { Transfer = new MsgTransfer { To = Google.Protobuf.ByteString.CopyFrom(new byte[19]), Denom = "SER", Amount = "1" } }),
            "memo of 257 bytes" => tx.Transfer("bob", "1", memo: new string('m', 257)),
            "memo of 86 three-byte chars" => tx.Transfer("bob", "1", memo: new string('€', 86)),
            "amount above balance" => tx.Transfer("bob", AliceBalance),
            "empty message" => tx.Message(new Msg()),
            _ => throw new ArgumentException(name),
        }).Build();
    }
}
