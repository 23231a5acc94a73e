using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Admission.Checks;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.OrgTxs;

namespace Seratio.Vm.Tests.Admission.Checks;

/// <summary>The signer check's table: who may sign for a key's account and for a k-of-n organisation account, in every scope.</summary>
public sealed class SignersCheckTests
{
    private static readonly Address Org = Vm.Modules.Organisations.Multisig.AddressFor(Contexts.SomeHash, 0);
    private static readonly SignersCheck Check = new();

    /// <summary>A 2-of-3 organisation account of k1, k2, k3 (or the keys given).</summary>
    private static MultisigAccountState Account(uint threshold = 2, params string[] keys)
    {
        if (keys.Length == 0) keys = ["k1", "k2", "k3"];
        var account = new MultisigAccountState { Address = Org.ToByteString(), Threshold = threshold };
        foreach (var key in keys.Select(k => TestKeys.Key(k).PublicKey.ToByteString()).OrderBy(b => Convert.ToHexString(b.Span)))
            account.PublicKeys.Add(key);
        return account;
    }

    private static TxCheckResult Run(SignedTx tx, MultisigAccountState? organisation, TxCheckMode mode) =>
        Check.Check(tx, Contexts.Of(mode, sender: Contexts.Sender(0, new Amount(1_000_000_000)) with { Organisation = organisation }));

    private static SignedTx OrgTx(params string[] signers) => Signed(Org, 0, signers, Transfer("bob", 5));

    [Theory]
    [InlineData(TxCheckMode.Admission, new[] { "k1", "k2" })]
    [InlineData(TxCheckMode.Admission, new[] { "k3", "k1" })]
    [InlineData(TxCheckMode.Admission, new[] { "k1", "k2", "k3" })]
    [InlineData(TxCheckMode.Execution, new[] { "k2", "k3" })]
    public void ThresholdOfListedKeys_IsAccepted(TxCheckMode mode, string[] signers) =>
        Assert.Equal(TxCheckResult.Accepted, Run(OrgTx(signers), Account(), mode));

    [Theory]
    [InlineData(TxCheckMode.Admission)]
    [InlineData(TxCheckMode.Execution)]
    public void OneKeyShortOfTheThreshold_IsRefused_NamingHowManyAndWhichKeysAreMissing(TxCheckMode mode)
    {
        var result = Run(OrgTx("k2"), Account(), mode);
        Assert.Equal(TxCheckOutcome.SignaturesMissing, result.Outcome);
        Assert.Contains($"organisation account {Org} needs 2 signatures of its 3 keys, has 1", result.Reason);
        Assert.Contains($"missing: 1 more of the keys", result.Reason);
        Assert.Contains(Hex("k1"), result.Reason);
        Assert.Contains(Hex("k3"), result.Reason);
        Assert.DoesNotContain(Hex("k2"), result.Reason.Split("missing:")[1]);
        Assert.Equal(ResultCode.SignaturesMissing, TxCheckResult.ToResultCode(result.Outcome));
    }

    [Fact]
    public void ADuplicatedSignature_CountsOnce()
    {
        // 3-of-3 with two distinct keys and k1 twice: three signatures, two keys.
        var tx = OrgTx("k1", "k2", "k1");
        var result = Run(tx, Account(3), TxCheckMode.Admission);
        Assert.Equal(TxCheckOutcome.SignaturesMissing, result.Outcome);
        Assert.Contains("needs 3 signatures of its 3 keys, has 2", result.Reason);
        Assert.Contains("a key signing twice counts once; 3 signatures", result.Reason);
        Assert.Contains(Hex("k3"), result.Reason);
        Assert.Equal(TxCheckResult.Accepted, Run(OrgTx("k1", "k2", "k1"), Account(2), TxCheckMode.Admission));
    }

    [Theory]
    [InlineData(TxCheckMode.Admission)]
    [InlineData(TxCheckMode.Execution)]
    public void AKeyOutsideTheList_IsRefused_NamingIt(TxCheckMode mode)
    {
        // Enough listed keys sign; one outsider among them still spoils the set.
        var result = Run(OrgTx("k1", "mallory", "k2"), Account(), mode);
        Assert.Equal(TxCheckOutcome.SignaturesMissing, result.Outcome);
        Assert.Contains($"key {Hex("mallory")} is not on the list of organisation account {Org}", result.Reason);
        Assert.DoesNotContain(Hex("k1"), result.Reason);
    }

    [Fact]
    public void AKeysAccount_SignedByItsOwnKey_IsTheFastPath_WithNoStateNeeded()
    {
        var tx = TxBuilder.From("alice").Transfer("bob", 5).Build();
        Assert.True(tx.SignedBySenderKey);
        Assert.Equal(TxCheckResult.Accepted, Run(tx, null, TxCheckMode.Execution));
    }

    [Theory]
    [InlineData(new[] { "bob" }, "signer key belongs to")]
    [InlineData(new[] { "alice", "bob" }, "is a key's account, not an organisation account: it takes exactly one signature, by its own key; this transaction carries 2")]
    [InlineData(new[] { "alice", "alice" }, "this transaction carries 2")]
    public void AKeysAccount_SignedOtherwise_IsABadSignature(string[] signers, string reason)
    {
        var tx = Signed(TestKeys.Address("alice"), 0, signers, Transfer("bob", 5));
        var result = Run(tx, null, TxCheckMode.Admission);
        Assert.Equal(TxCheckOutcome.BadSignature, result.Outcome);
        Assert.Contains(reason, result.Reason);
        Assert.Equal(ResultCode.SignaturesMissing, TxCheckResult.ToResultCode(result.Outcome));
    }

    [Fact]
    public void ABadSignatureAmongGoodOnes_IsRefusedBySignatureCheck_NamingIt()
    {
        var envelope = Tx.Parser.ParseFrom(OrgTx("k1", "k2", "k3").Bytes.Span);
        var forged = envelope.Signatures[2].Signature.ToByteArray();
        forged[5] ^= 0x40;
        envelope.Signatures[2].Signature = ByteString.CopyFrom(forged);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(envelope.ToByteArray(), TxBuilder.ChainId, 1 << 20, out var tx, out _));
        var result = new SignatureCheck(DirectSignatureVerifier.Instance).Check(tx!, Contexts.Admission());
        Assert.Equal(TxCheckOutcome.BadSignature, result.Outcome);
        Assert.Contains($"signature 2 (key {Hex("k3")}) does not verify", result.Reason);
        // The set alone would meet the threshold: only verification catches the forgery.
        Assert.Equal(TxCheckResult.Accepted, Run(tx!, Account(), TxCheckMode.Admission));
    }

    [Fact]
    public void TheCheck_RunsInAdmissionExecutionAndRecheck_BeforeTheNonce()
    {
        Assert.Equal(TxCheckScopes.Admission | TxCheckScopes.Execution | TxCheckScopes.Recheck, Check.Scopes);
        var names = TxCheckList.Execution.Checks.Select(c => c.Name).ToList();
        Assert.True(names.IndexOf("signers") >= 0 && names.IndexOf("signers") < names.IndexOf("nonce-window"), string.Join(",", names));
    }

    [Fact]
    public void MessageFields_AskGasForEverySignaturesBytes()
    {
        var body = new TxBody { ChainId = TxBuilder.ChainId, Sender = Org.ToByteString(), GasLimit = 20_000, GasPrice = 1 }; // same varint length as the limit set below
        body.Msgs.Add(Transfer("bob", 5));
        var oneSignature = Core.Transactions.TxDecoder.Sign(body, [TestKeys.Key("k1")]);
        body.GasLimit = Vm.Execution.GasSchedule.Total(Blocks.Params, body, oneSignature.Length); // enough for one signature's bytes, not three
        var tx = Signed(Org, 0, ["k1", "k2", "k3"], Transfer("bob", 5));
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(TxDecoder.Sign(body, [.. new[] { "k1", "k2", "k3" }.Select(TestKeys.Key)]), TxBuilder.ChainId, 1 << 20, out var short3, out _));
        var result = new MessageFieldsCheck().Check(short3!, Contexts.Admission());
        Assert.Equal(TxCheckOutcome.InvalidField, result.Outcome);
        Assert.Contains("with its 3 signatures", result.Reason);
        Assert.Equal(TxCheckResult.Accepted, new MessageFieldsCheck().Check(tx, Contexts.Admission()));
    }
}
