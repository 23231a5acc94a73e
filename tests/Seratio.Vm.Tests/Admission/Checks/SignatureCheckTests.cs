using Seratio.Core.Transactions;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Tests.Support;

namespace Seratio.Vm.Tests.Admission.Checks;

public class SignatureCheckTests
{
    private sealed class FixedVerifier(bool verdict) : ITxSignatureVerifier
    {
        public int Calls { get; private set; }

        public bool Verify(SignedTx tx)
        {
            Calls++;
            return verdict;
        }
    }

    [Theory]
    // real signature, verifier (null = direct Ed25519), outcome
    [InlineData(true, null, TxCheckOutcome.Accepted)]
    [InlineData(false, null, TxCheckOutcome.BadSignature)]
    [InlineData(true, false, TxCheckOutcome.BadSignature)]
    [InlineData(false, true, TxCheckOutcome.Accepted)]
    public void Check_AsksTheInjectedVerifier(bool realSignature, bool? verdict, TxCheckOutcome expected)
    {
        var builder = TxBuilder.From("alice").Transfer("bob", 1);
        var tx = (realSignature ? builder : builder.FakeSignature()).Build();
        var fixedVerifier = verdict is { } v ? new FixedVerifier(v) : null;

        var result = new SignatureCheck((ITxSignatureVerifier?)fixedVerifier ?? DirectSignatureVerifier.Instance).Check(tx, Contexts.Admission());

        Assert.Equal(expected, result.Outcome);
        if (fixedVerifier is not null) Assert.Equal(1, fixedVerifier.Calls);
        if (!result.IsAccepted) Assert.Contains($"'{TxBuilder.ChainId}'", result.Reason);
    }
}
