using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Node.Api;
using Seratio.Node.Mempool;
using Seratio.Protocol;
using Seratio.Vm.Modules.Organisations;

namespace Seratio.Node.Tests.Mempool;

/// <summary>Admission of an organisation account's transactions: the signer check against the latest state, and its re-check after a rotation.</summary>
public sealed class TxPoolOrganisationTests
{
    private static readonly Address Org = Multisig.AddressFor(Hash32.Sha256("org"u8), 0);

    private static byte[] Account(uint threshold, params string[] keys)
    {
        var account = new MultisigAccountState { Address = Org.ToByteString(), Threshold = threshold, Name = "org" };
        foreach (var key in keys.Select(k => TestTx.Key(k).PublicKey.ToByteString()).OrderBy(b => Convert.ToHexString(b.Span), StringComparer.Ordinal))
            account.PublicKeys.Add(key);
        return account.ToByteArray();
    }

    private static PoolFixture TwoOfThree()
    {
        var f = new PoolFixture();
        f.Chain.SetAccount(Org, 0, new Core.Numerics.Amount(100_000_000));
        f.Chain.SetState(MultisigKeys.Account(Org), Account(2, "k1", "k2", "k3"));
        return f;
    }

    private static byte[] OrgTx(ulong nonce, params string[] signers)
    {
        var body = new TxBody { ChainId = FakeChain.TestChainId, Sender = Org.ToByteString(), Nonce = nonce, GasLimit = 100_000, GasPrice = 1 };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = TestTx.Key("bob").Address.ToByteString(), Denom = "SER", Amount = "5" } });
        return TxDecoder.Sign(body, [.. signers.Select(TestTx.Key)]);
    }

    [Fact]
    public void Admit_WithTheThreshold_IsAccepted()
    {
        var f = TwoOfThree();
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(OrgTx(0, "k1", "k3")).Outcome);
        Assert.Equal(1, f.Pool.Count);
    }

    [Fact]
    public void Admit_OneKeyShort_IsSignaturesMissing_PermissionDenied_NamingTheMissingKeys()
    {
        var f = TwoOfThree();
        var result = f.Pool.Admit(OrgTx(0, "k1"));
        Assert.Equal(AdmitOutcome.SignaturesMissing, result.Outcome);
        Assert.Contains("needs 2 signatures of its 3 keys, has 1", result.Reason);
        Assert.Contains(TestTx.Key("k2").PublicKey.ToString(), result.Reason);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, AdmitStatus.ToException(result).StatusCode);
        Assert.Equal(0, f.Pool.Count);
        // The pool keeps serving: the same nonce with the threshold goes in.
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(OrgTx(0, "k1", "k2")).Outcome);
    }

    [Fact]
    public void Admit_WithAForeignKey_IsSignaturesMissing_NamingIt()
    {
        var f = TwoOfThree();
        var result = f.Pool.Admit(OrgTx(0, "k1", "k2", "mallory"));
        Assert.Equal(AdmitOutcome.SignaturesMissing, result.Outcome);
        Assert.Contains($"key {TestTx.Key("mallory").PublicKey} is not on the list of organisation account {Org}", result.Reason);
    }

    [Fact]
    public void Admit_AKeysAccount_SignedByAnotherKey_IsBadSignature()
    {
        var f = TwoOfThree();
        var body = TestTx.From("alice").Body();
        var result = f.Pool.Admit(TxDecoder.Sign(body, [TestTx.Key("bob")]));
        Assert.Equal(AdmitOutcome.BadSignature, result.Outcome);
        Assert.Contains("not to the sender", result.Reason);
    }

    [Fact]
    public void ARotationCommitted_DropsPendingTransactionsSignedUnderTheOldKeys()
    {
        var f = TwoOfThree();
        var first = OrgTx(0, "k1", "k2");
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(first).Outcome);
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(OrgTx(1, "k2", "k3")).Outcome);

        var block = f.Chain.Commit(first); // stands for the account's rotation, committed at nonce 0
        f.Chain.SetState(MultisigKeys.Account(Org), Account(2, "k4", "k5", "k3"));
        f.Pool.OnBlockCommitted(block);

        Assert.Equal(0, f.Pool.Count);
        Assert.Equal(AdmitOutcome.SignaturesMissing, f.Pool.Admit(OrgTx(1, "k2", "k3")).Outcome);
        Assert.Equal(AdmitOutcome.Accepted, f.Pool.Admit(OrgTx(1, "k4", "k3")).Outcome);
    }
}
