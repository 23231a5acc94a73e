using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Modules.Organisations;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.OrgTxs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Organisations;

/// <summary>MsgCreateMultisig and MsgUpdateMultisig, and an organisation account's transactions through block execution.</summary>
public sealed class OrganisationHandlersTests
{
    /// <summary>alice creates a 2-of-3 of k1..k3; the account is funded with 100,000,000 base units.</summary>
    private static (MemoryState State, Address Org) TwoOfThree()
    {
        var state = NewState("alice");
        var create = TxBuilder.From("alice").Nonce(0).Message(Create(2, "Green NGO", "k1", "k2", "k3")).Build();
        var outcome = Blocks.ExecuteAndApply(state, create);
        Assert.Equal(ResultCode.Ok, outcome.Receipts[0].Code);
        var org = Multisig.AddressFor(create.Hash, 0);
        Blocks.ExecuteAndApply(state, TxBuilder.From("alice").Nonce(1).Transfer(org, "100000000").Build());
        return (state, org);
    }

    [Fact]
    public void Create_WritesTheAccount_AtTheTxDerivedAddress_KeysSorted_AndEmitsIt()
    {
        var state = NewState("alice");
        var create = TxBuilder.From("alice").Nonce(0).Message(Create(2, "Green NGO", "k3", "k1", "k2")).Build();
        var receipt = Assert.Single(Blocks.ExecuteAndApply(state, create).Receipts);
        Assert.Equal(ResultCode.Ok, receipt.Code);

        var org = Multisig.AddressFor(create.Hash, 0);
        var account = Multisig.Get(state, org)!;
        Assert.Equal(2u, account.Threshold);
        Assert.Equal("Green NGO", account.Name);
        Assert.Equal(Addr("alice").ToByteString(), account.Creator);
        Assert.Equal(1ul, account.CreatedHeight);
        var keys = account.PublicKeys.Select(k => Convert.ToHexStringLower(k.Span)).ToList();
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(new[] { "k1", "k2", "k3" }.Select(Hex).Order(StringComparer.Ordinal), keys);
        var ev = Assert.Single(receipt.Events);
        Assert.Equal(CreateMultisigHandler.EventType, ev.Type);
        Assert.Equal(org.ToString(), Attributes(ev)["address"]);
        Assert.Equal("2", Attributes(ev)["threshold"]);
    }

    [Fact]
    public void TwoCreations_InOneTx_GetTwoAddresses()
    {
        var state = NewState("alice");
        var create = TxBuilder.From("alice").Nonce(0).Message(Create(1, "a", "k1")).Message(Create(1, "b", "k1")).Build();
        Assert.Equal(ResultCode.Ok, Blocks.ExecuteAndApply(state, create).Receipts[0].Code);
        Assert.Equal("a", Multisig.Get(state, Multisig.AddressFor(create.Hash, 0))!.Name);
        Assert.Equal("b", Multisig.Get(state, Multisig.AddressFor(create.Hash, 1))!.Name);
    }

    public static TheoryData<string, Msg, string> BadKeyLists => new()
    {
        { "no keys", Create(1, "n"), "public_keys is empty" },
        { "17 keys", Create(1, "n", [.. Enumerable.Range(0, 17).Select(i => $"m{i}")]), "lists 17 keys; the limit is 16" },
        { "short key", WithKey(Create(1, "n", "k1"), new byte[31]), "public_keys[1] is 31 bytes" },
        { "duplicate", Create(1, "n", "k1", "k2", "k1"), "twice" },
        { "threshold 0", Create(0, "n", "k1"), "threshold is 0" },
        { "threshold above n", Create(3, "n", "k1", "k2"), "threshold 3 is more than the 2 keys listed" },
        { "long name", Create(1, new string('x', 65), "k1"), "name is 65 UTF-8 bytes; the limit is 64" },
        { "update: no keys", Update(1), "public_keys is empty" },
        { "update: threshold above n", Update(2, "k1"), "threshold 2 is more than the 1 keys listed" },
    };

    private static Msg WithKey(Msg msg, byte[] key)
    {
        msg.CreateMultisig.PublicKeys.Add(ByteString.CopyFrom(key));
        return msg;
    }

    [Theory]
    [MemberData(nameof(BadKeyLists))]
    public void BadKeyLists_AreInvalid_InValidateAndExecute(string name, Msg msg, string reason)
    {
        var handler = Vm.Modules.MsgHandlers.For(msg.KindCase)!;
        var validated = handler.Validate(msg, Blocks.Params);
        Assert.True(validated.Code == ResultCode.InvalidMsg, name);
        Assert.Contains(reason, validated.Log);
        var (state, org) = TwoOfThree();
        var receipt = Assert.Single(Blocks.ExecuteAndApply(state, Signed(org, 0, ["k1", "k2"], msg)).Receipts);
        Assert.Equal(ResultCode.InvalidMsg, receipt.Code);
    }

    [Fact]
    public void Create_WhereAnAccountExists_IsAlreadyExists()
    {
        var state = NewState("alice");
        var create = TxBuilder.From("alice").Nonce(0).Message(Create(1, "n", "k1")).Build();
        var taken = new MultisigAccountState { Address = Multisig.AddressFor(create.Hash, 0).ToByteString(), Threshold = 1 };
        taken.PublicKeys.Add(TestKeys.Key("k9").PublicKey.ToByteString());
        state.With(MultisigKeys.Account(Multisig.AddressFor(create.Hash, 0)), taken.ToByteArray());
        var receipt = Assert.Single(Blocks.ExecuteAndApply(state, create).Receipts);
        Assert.Equal(ResultCode.AlreadyExists, receipt.Code);
        Assert.Single(Multisig.Get(state, Multisig.AddressFor(create.Hash, 0))!.PublicKeys);
    }

    [Fact]
    public void Update_FromAKeysAccount_IsNotFound()
    {
        var state = NewState("alice");
        var receipt = Run(state, "alice", Update(1, "k1"));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("is not an organisation account", receipt.Log);
    }

    [Fact]
    public void OrganisationTransfer_WithTheThreshold_PaysFromTheAccount_AndUsesItsNonce()
    {
        var (state, org) = TwoOfThree();
        var receipt = Assert.Single(Blocks.ExecuteAndApply(state, Signed(org, 0, ["k1", "k3"], Transfer("bob", 500))).Receipts);
        Assert.Equal(ResultCode.Ok, receipt.Code);
        Assert.Equal(500ul, (ulong)state.Account("bob").Balance.Value);
        Assert.Equal(1ul, state.Account(org).Nonce);
        Assert.True(state.Account(org).Balance.Value < 100_000_000 - 500);
    }

    [Fact]
    public void OrganisationTransfer_BelowTheThreshold_FailsSignaturesMissing_AndChargesNothing()
    {
        var (state, org) = TwoOfThree();
        var before = state.Account(org);
        var receipt = Assert.Single(Blocks.ExecuteAndApply(state, Signed(org, 0, ["k1"], Transfer("bob", 500))).Receipts);
        Assert.Equal(ResultCode.SignaturesMissing, receipt.Code);
        Assert.Contains("needs 2 signatures of its 3 keys, has 1", receipt.Log);
        Assert.Equal(before, state.Account(org));
    }

    [Fact]
    public void Rotation_ByTheThreshold_ReplacesTheKeys_OldKeysNoLongerSign_NewOnesDo()
    {
        var (state, org) = TwoOfThree();
        var rotate = Assert.Single(Blocks.ExecuteAndApply(state, Signed(org, 0, ["k1", "k2"], Update(2, "k4", "k5", "k3"))).Receipts);
        Assert.Equal(ResultCode.Ok, rotate.Code);
        Assert.Equal(UpdateMultisigHandler.EventType, Assert.Single(rotate.Events).Type);
        var account = Multisig.Get(state, org)!;
        Assert.Equal(3, account.PublicKeys.Count);
        Assert.Equal("Green NGO", account.Name);

        var old = Assert.Single(Blocks.ExecuteAndApply(state, Signed(org, 1, ["k1", "k2"], Transfer("bob", 1))).Receipts);
        Assert.Equal(ResultCode.SignaturesMissing, old.Code);
        Assert.Contains($"keys {Hex("k1")}, {Hex("k2")} are not on the list", old.Log.Replace($"{Hex("k2")}, {Hex("k1")}", $"{Hex("k1")}, {Hex("k2")}"));
        var fresh = Assert.Single(Blocks.ExecuteAndApply(state, Signed(org, 1, ["k4", "k3"], Transfer("bob", 1))).Receipts);
        Assert.Equal(ResultCode.Ok, fresh.Code);
    }

    [Fact]
    public void Rotation_SignedByFewerThanTheThreshold_IsRefused_AndChangesNothing()
    {
        var (state, org) = TwoOfThree();
        var receipt = Assert.Single(Blocks.ExecuteAndApply(state, Signed(org, 0, ["k1"], Update(1, "k1"))).Receipts);
        Assert.Equal(ResultCode.SignaturesMissing, receipt.Code);
        Assert.Equal(3, Multisig.Get(state, org)!.PublicKeys.Count);
        Assert.Equal(2u, Multisig.Get(state, org)!.Threshold);
    }

    [Fact]
    public void ATransactionSignedUnderTheOldKeys_IncludedAfterARotation_FailsAtExecution()
    {
        // Both were admissible when signed; the block runs the rotation first, and the signer check runs again at execution.
        var (state, org) = TwoOfThree();
        var rotate = Signed(org, 0, ["k1", "k2"], Update(2, "k4", "k5"));
        var stale = Signed(org, 1, ["k2", "k3"], Transfer("bob", 1));
        var outcome = Blocks.ExecuteAndApply(state, rotate, stale);
        Assert.Equal(ResultCode.Ok, outcome.Receipts[0].Code);
        Assert.Equal(ResultCode.SignaturesMissing, outcome.Receipts[1].Code);
        Assert.Contains("not on the list of organisation account", outcome.Receipts[1].Log);
        Assert.Equal(1ul, state.Account(org).Nonce);
    }

    [Fact]
    public void AKeysAccount_SignedByAnotherKey_FailsAtExecution_WithoutCharging()
    {
        var state = NewState("alice", "bob");
        var tx = Signed(Addr("alice"), 0, ["bob"], Transfer("bob", 5));
        var receipt = Assert.Single(Blocks.ExecuteAndApply(state, tx).Receipts);
        Assert.Equal(ResultCode.SignaturesMissing, receipt.Code);
        Assert.Equal(0ul, state.Account("alice").Nonce);
    }
}
