using Seratio.Core.Transactions;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

public class TxCheckListTests
{
    /// <summary>The order docs/transactions.md lists under "Admission checks, in order".</summary>
    private static readonly string[] DocumentedOrder = ["chain-id", "expiry", "message-fields", "signature", "signers", "nonce-window", "fee", "funds"];

    [Fact]
    public void Standard_RunsTheChecksInTheDocumentedOrder() =>
        Assert.Equal(DocumentedOrder, TxCheckList.Standard(DirectSignatureVerifier.Instance).Checks.Select(c => c.Name));

    [Fact]
    public void Execution_IsTheDeterministicSubset_ExpirySignersNonceFeeFunds() =>
        Assert.Equal(["expiry", "signers", "nonce-window", "fee", "funds"], TxCheckList.Execution.Checks.Select(c => c.Name));

    [Fact]
    public void Recheck_IsWhatABlockCanChange_ExpirySignersFeeFunds() =>
        Assert.Equal(["expiry", "signers", "fee", "funds"],
            TxCheckList.Standard(DirectSignatureVerifier.Instance).In(TxCheckScopes.Recheck).Checks.Select(c => c.Name));

    [Fact]
    public void Standard_PutsEveryCheckThatNeedsNoSenderFirst()
    {
        var checks = TxCheckList.Standard(DirectSignatureVerifier.Instance);
        Assert.Equal(["chain-id", "expiry", "message-fields", "signature"], checks.WhereSenderNeeded(false).Checks.Select(c => c.Name));
        Assert.Equal(["signers", "nonce-window", "fee", "funds"], checks.WhereSenderNeeded(true).Checks.Select(c => c.Name));
    }

    [Fact]
    public void Constructor_RefusesACheckWithoutSenderAfterOneWithIt() =>
        Assert.Throws<ArgumentException>(() => new TxCheckList([new FeeCheck(), new ExpiryCheck()]));

    /// <summary>
    /// A transaction that breaks every rule, with the first <c>fixedRules</c> of them repaired:
    /// the outcome is always the first rule still broken.
    /// </summary>
    [Theory]
    [InlineData(0, TxCheckOutcome.WrongChain)]
    [InlineData(1, TxCheckOutcome.Expired)]
    [InlineData(2, TxCheckOutcome.InvalidField)]
    [InlineData(3, TxCheckOutcome.BadSignature)]
    [InlineData(4, TxCheckOutcome.NonceTooLow)]
    [InlineData(5, TxCheckOutcome.FeeTooLow)]
    [InlineData(6, TxCheckOutcome.InsufficientFunds)]
    [InlineData(7, TxCheckOutcome.Accepted)]
    public void Run_TheFirstFailingCheckWins(int fixedRules, TxCheckOutcome expected)
    {
        var (tx, context) = BrokenInEveryWay(fixedRules);

        var result = TxCheckList.Standard(DirectSignatureVerifier.Instance).Run(tx, context);

        Assert.Equal(expected, result.Outcome);
    }

    [Theory]
    [InlineData(0, TxCheckOutcome.Expired)]  // chain id, message fields and signature are admission's alone
    [InlineData(2, TxCheckOutcome.NonceTooLow)]  // messages and signature still broken: not execution's to judge
    [InlineData(4, TxCheckOutcome.NonceTooLow)]
    [InlineData(5, TxCheckOutcome.FeeTooLow)]
    [InlineData(6, TxCheckOutcome.InsufficientFunds)]
    [InlineData(7, TxCheckOutcome.Accepted)]
    public void Execution_TheFirstFailingCheckWins(int fixedRules, TxCheckOutcome expected)
    {
        var (tx, admission) = BrokenInEveryWay(fixedRules);
        var context = admission with { Mode = TxCheckMode.Execution, Sender = SenderView.AtExecution(new AccountRecord(admission.Sender.Nonce, admission.Sender.Balance)) };

        Assert.Equal(expected, TxCheckList.Execution.Run(tx, context).Outcome);
    }

    [Fact]
    public void Run_StopsAtTheFirstFailure()
    {
        var after = new CountingCheck();
        var list = new TxCheckList([new ExpiryCheck(), after]);
        var expired = TxBuilder.From("alice").Expiry(1).Transfer("bob", 1).FakeSignature().Build();

        Assert.Equal(TxCheckOutcome.Expired, list.Run(expired, Contexts.Admission(height: 2)).Outcome);
        Assert.Equal(0, after.Calls);
        Assert.True(list.Run(TxBuilder.From("alice").Transfer("bob", 1).FakeSignature().Build(), Contexts.Admission(height: 2)).IsAccepted);
        Assert.Equal(1, after.Calls);
    }

    private static (SignedTx Tx, TxCheckContext Context) BrokenInEveryWay(int fixedRules)
    {
        bool Fixed(int rule) => fixedRules > rule;
        var builder = TxBuilder.From("alice")
            .Nonce(5)
            .Gas(100_000, Fixed(5) ? 1UL : 0UL)
            .Expiry(Fixed(1) ? 0UL : 9UL)
            .Transfer("bob", Fixed(2) ? "7" : "0");
        var tx = (Fixed(3) ? builder : builder.FakeSignature()).Build();
        var sender = Contexts.Sender(Fixed(4) ? 5UL : 6UL, Fixed(6) ? 1_000_000UL : 0UL);
        var context = Contexts.Admission(height: 10, sender: sender, chainId: Fixed(0) ? TxBuilder.ChainId : "other-chain");
        return (tx, context);
    }

    private sealed class CountingCheck : ITxCheck
    {
        public int Calls { get; private set; }
        public string Name => "counting";
        public TxCheckScopes Scopes => TxCheckScopes.Admission;
        public bool NeedsSender => false;

        public TxCheckResult Check(SignedTx tx, in TxCheckContext context)
        {
            Calls++;
            return TxCheckResult.Accepted;
        }
    }
}
