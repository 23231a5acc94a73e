using Seratio.Core.Numerics;
using Seratio.Protocol;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.TestKeys;

namespace Seratio.Vm.Tests.Execution;

public class BlockExecutorTests
{
    private static MemoryState Funded() => new MemoryState().WithAccount("alice", 1_000_000_000).WithAccount("bob", 500);

    [Fact]
    public void Transfer_MovesBalance_ChargesFeeToProposer_AndIncrementsNonce()
    {
        var state = Funded();
        var tx = TxBuilder.From("alice").Transfer("bob", 1_000).Build();

        var outcome = Blocks.ExecuteAndApply(state, tx);

        var receipt = Assert.Single(outcome.Receipts);
        Assert.Equal(ResultCode.Ok, receipt.Code);
        ulong gas = Blocks.ExpectedGas(tx);
        Assert.Equal(gas, receipt.GasUsed);
        Assert.Equal(gas.ToString(System.Globalization.CultureInfo.InvariantCulture), receipt.Fee);
        Assert.Equal(new Amount(1_000_000_000UL - 1_000 - gas), state.Account("alice").Balance);
        Assert.Equal(1UL, state.Account("alice").Nonce);
        Assert.Equal(new Amount(1_500), state.Account("bob").Balance);
        Assert.Equal(0UL, state.Account("bob").Nonce);
        Assert.Equal(new Amount(gas), state.Account(Proposer).Balance);
    }

    [Fact]
    public void Receipt_CarriesHashHeightIndex_AndTransferEvent()
    {
        var state = Funded();
        var first = TxBuilder.From("alice").Transfer("bob", "7", memo: "rent").Build();
        var second = TxBuilder.From("alice").Nonce(1).Transfer("bob", 8).Build();

        var outcome = Blocks.Execute(state, Blocks.Context(height: 42), first, second);

        var receipt = outcome.Receipts[1];
        Assert.Equal(second.Hash.ToByteString(), receipt.TxHash);
        Assert.Equal(42UL, receipt.Height);
        Assert.Equal(1U, receipt.Index);
        var ev = Assert.Single(outcome.Receipts[0].Events);
        Assert.Equal(TransferHandler.EventType, ev.Type);
        var attributes = ev.Attributes.ToDictionary(a => a.Key, a => a.Value);
        Assert.Equal(Address("alice").ToString(), attributes["sender"]);
        Assert.Equal(Address("bob").ToString(), attributes["recipient"]);
        Assert.Equal("7", attributes["amount"]);
        Assert.Equal("SER", attributes["denom"]);
        Assert.Equal("rent", attributes["memo"]);
    }

    [Fact]
    public void FailedMessage_KeepsFeeAndNonce_ButDropsEveryMessageWrite()
    {
        var state = Funded();
        // The first message would succeed alone; the second asks for more than alice holds.
        var tx = TxBuilder.From("alice").Transfer("bob", 100).Transfer("carol", 5_000_000_000).Build();

        var outcome = Blocks.ExecuteAndApply(state, tx);

        var receipt = Assert.Single(outcome.Receipts);
        Assert.Equal(ResultCode.InsufficientFunds, receipt.Code);
        Assert.StartsWith("message 1 (transfer): balance", receipt.Log);
        Assert.Empty(receipt.Events);
        ulong gas = Blocks.ExpectedGas(tx);
        Assert.Equal(gas, receipt.GasUsed);
        Assert.Equal(new Amount(1_000_000_000UL - gas), state.Account("alice").Balance);
        Assert.Equal(1UL, state.Account("alice").Nonce);
        Assert.Equal(new Amount(500), state.Account("bob").Balance);
        Assert.Equal(AccountRecordEmpty, state.Account("carol"));
        Assert.Equal(new Amount(gas), state.Account(Proposer).Balance);
    }

    [Fact]
    public void Transfer_OfWholeBalanceAfterFee_Succeeds_ButOneMoreFails()
    {
        // Same digit count as the real amounts, so the same size and gas.
        var probe = TxBuilder.From("alice").Transfer("bob", 999_999_999).Build();
        ulong gas = Blocks.ExpectedGas(probe);
        ulong amount = 1_000_000_000UL - gas;
        var exact = TxBuilder.From("alice").Transfer("bob", amount).Build();
        var tooMuch = TxBuilder.From("alice").Transfer("bob", amount + 1).Build();
        Assert.Equal(exact.Size, tooMuch.Size);

        Assert.Equal(ResultCode.Ok, Blocks.Execute(Funded(), exact).Receipts[0].Code);
        Assert.Equal(ResultCode.InsufficientFunds, Blocks.Execute(Funded(), tooMuch).Receipts[0].Code);
    }

    [Fact]
    public void SelfTransfer_IsAllowed_AndOnlyTheFeeLeaves()
    {
        var state = Funded();
        var tx = TxBuilder.From("alice").Transfer("alice", 999).Build();

        var outcome = Blocks.ExecuteAndApply(state, tx);

        Assert.Equal(ResultCode.Ok, outcome.Receipts[0].Code);
        Assert.Equal(new Amount(1_000_000_000UL - Blocks.ExpectedGas(tx)), state.Account("alice").Balance);
    }

    [Fact]
    public void OutOfGas_ChargesTheWholeLimit_IncrementsNonce_AndRunsNoMessage()
    {
        var state = Funded();
        var tx = TxBuilder.From("alice").Gas(limit: 12_000, price: 3).Transfer("bob", 100).Build();
        Assert.True(Blocks.ExpectedGas(tx) > 12_000);

        var outcome = Blocks.ExecuteAndApply(state, tx);

        var receipt = outcome.Receipts[0];
        Assert.Equal(ResultCode.OutOfGas, receipt.Code);
        Assert.Contains("gas_limit is 12000", receipt.Log);
        Assert.Equal(12_000UL, receipt.GasUsed);
        Assert.Equal("36000", receipt.Fee);
        Assert.Equal(new AccountRecordView(1, 1_000_000_000UL - 36_000), View(state.Account("alice")));
        Assert.Equal(new Amount(500), state.Account("bob").Balance);
        Assert.Equal(new Amount(36_000), state.Account(Proposer).Balance);
    }

    [Fact]
    public void ProposerAsSender_PaysItselfTheFee()
    {
        var state = new MemoryState().WithAccount("proposer", 1_000_000);
        var tx = TxBuilder.From("proposer").Transfer("bob", 10).Build();

        Blocks.ExecuteAndApply(state, tx);

        Assert.Equal(new Amount(1_000_000 - 10), state.Account(Proposer).Balance);
        Assert.Equal(1UL, state.Account(Proposer).Nonce);
    }

    [Fact]
    public void ZeroGasPrice_ChargesNothing_AndWritesNoProposerAccount()
    {
        var state = Funded();
        var p = Blocks.Params with { MinGasPrice = 0 };
        var tx = TxBuilder.From("alice").Gas(100_000, 0).Transfer("bob", 10).Build();

        var outcome = Blocks.Execute(state, Blocks.Context(p: p), tx);

        Assert.Equal("0", outcome.Receipts[0].Fee);
        Assert.Equal(2, outcome.Changes.Count);
    }

    [Fact]
    public void Changes_AreSortedUnique_AndOmitUntouchedOrUnchangedAccounts()
    {
        var state = Funded().WithAccount("carol", 10).WithAccount("dave", 10);
        var txs = new[]
        {
            TxBuilder.From("alice").Transfer("bob", 5).Build(),
            TxBuilder.From("alice").Nonce(1).Transfer("carol", 5).Build(),
            TxBuilder.From("alice").Nonce(2).Transfer("erin", 5).Build(),
            TxBuilder.From("alice").Nonce(3).Transfer("alice", 5).Build(),
        };

        var changes = Blocks.Execute(state, txs).Changes;

        // alice, bob, carol, erin, proposer: dave untouched.
        Assert.Equal(5, changes.Count);
        for (int i = 1; i < changes.Count; i++) Assert.True(changes[i - 1].Key < changes[i].Key);
        Assert.All(changes, c => Assert.NotNull(c.Value));
    }

    [Fact]
    public void Accounts_AreReadFromTheBaseOncePerBlock()
    {
        var state = Funded();
        var txs = Enumerable.Range(0, 20).Select(i => TxBuilder.From("alice").Nonce((ulong)i).Transfer("bob", 1).FakeSignature().Build()).ToArray();

        Blocks.Execute(state, txs);

        // The pending validator set (begin-block), alice, proposer, bob; then the exchange's end-block step reads the
        // expiries of the previous height, the certificates open sells hold and the block's exchange actors; the DAF's
        // end-block step reads the count of proposals due at the height; the grants' step the count of grants due at it.
        Assert.Equal(9, state.Reads);
    }

    [Fact]
    public void LargeBlock_OfTransfersAmongManyAccounts_ConservesSupply()
    {
        const int accounts = 2_000;
        var state = new MemoryState();
        for (int i = 0; i < accounts; i++) state.WithAccount("acct" + i, 1_000_000);
        var supply = state.TotalBalance();
        var txs = new List<Core.Transactions.SignedTx>();
        for (int i = 0; i < accounts; i++)
            txs.Add(TxBuilder.From("acct" + i).Transfer("acct" + ((i * 7 + 3) % accounts), (ulong)(i % 50 + 1)).FakeSignature().Build());

        var outcome = Blocks.ExecuteAndApply(state, txs.ToArray());

        Assert.All(outcome.Receipts, r => Assert.Equal(ResultCode.Ok, r.Code));
        Assert.Equal(supply, state.TotalBalance());
    }

    [Fact]
    public void SameBlock_OnTwoExecutors_GivesByteEqualReceiptsAndChanges()
    {
        var txs = new[]
        {
            TxBuilder.From("alice").Transfer("bob", "5", memo: "x").Build(),
            TxBuilder.From("bob").Transfer("carol", 600).Build(),
            TxBuilder.From("alice").Nonce(1).Gas(11_000, 1).Transfer("carol", 1).Build(),
            TxBuilder.From("alice").Nonce(2).Transfer("carol", 3).Transfer("dave", 4).Build(),
        };

        var a = new Vm.Execution.BlockExecutor().Execute(Funded(), Blocks.Context(7), txs);
        var b = new Vm.Execution.BlockExecutor().Execute(Funded(), Blocks.Context(7), txs);

        Assert.Equal(a.Receipts.Select(r => Google.Protobuf.MessageExtensions.ToByteArray(r)), b.Receipts.Select(r => Google.Protobuf.MessageExtensions.ToByteArray(r)));
        Assert.Equal(a.Changes.Select(c => c.Key), b.Changes.Select(c => c.Key));
        Assert.Equal(a.Changes.Select(c => c.Value), b.Changes.Select(c => c.Value));
        Assert.Equal(new[] { ResultCode.Ok, ResultCode.InsufficientFunds, ResultCode.OutOfGas, ResultCode.Ok }, a.Receipts.Select(r => r.Code));
    }

    private static readonly Vm.State.AccountRecord AccountRecordEmpty = Vm.State.AccountRecord.Empty;
    private readonly record struct AccountRecordView(ulong Nonce, ulong Balance);
    private static AccountRecordView View(Vm.State.AccountRecord r) => new(r.Nonce, (ulong)r.Balance.Value);
}
