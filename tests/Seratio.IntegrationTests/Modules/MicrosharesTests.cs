using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Seratio.Vm.Modules.Microshares;
using Seratio.Vm.State;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// Microshares through a real node process: a rewarding body creates a class over a certificate, a
/// holder mints against SER and sends part of the lot, holdings come back with their flags and a proof
/// against the block's state root, the certificate's revocation freezes the lot (the refusal names it),
/// and the lineage leads back to the mint, the certificate and the provenance records linking the lot. Bad input gets precise statuses.
/// </summary>
public sealed class MicrosharesTests(ValueModulesFixture fixture) : IClassFixture<ValueModulesFixture>
{
    private NodeApi.NodeApiClient Client => fixture.Client;

    [Fact]
    public async Task Lot_MintedSentAndFrozen_IsProvenWithItsFlags_AndItsLineageLeadsToMintAndCertificate()
    {
        using var authority = TestNetwork.Account(0);
        using var rewarder = TestNetwork.Account(1);
        using var issuer = TestNetwork.Account(2);
        using var alice = TestNetwork.Account(3);
        using var bob = TestNetwork.Account(4);
        ulong certificate = await CertificateAsync(authority, rewarder, issuer, alice, "micro-sroi");

        var created = await fixture.CommitAsync(rewarder, CreateClass("GREEN", certificate));
        Assert.True(created.Code == ResultCode.Ok, created.Log);
        ulong classId = ulong.Parse(Attr(created, "microshare_class_created", "class"));

        var minted = await fixture.CommitAsync(alice, Mint(classId, certificate, "1000"));
        Assert.True(minted.Code == ResultCode.Ok, minted.Log);
        ulong lotId = ulong.Parse(Attr(minted, "microshares_minted", "lot"));
        Assert.Equal("3000", Attr(minted, "microshares_minted", "units"));

        var sent = await fixture.CommitAsync(alice, Send(classId, bob, "1200"));
        Assert.True(sent.Code == ResultCode.Ok, sent.Log);

        var holdings = await Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = bob.Address.ToString(), ClassId = classId, Prove = true });
        var held = Assert.Single(holdings.Lots);
        Assert.Equal((lotId, "1200", "1200"), (held.LotId, held.Units, holdings.TotalUnits));
        Assert.Equal(("SER", "1000", certificate, minted.Height), (held.Flags.OriginAsset, held.Flags.OriginAmount, held.Flags.CertificateId, held.Flags.MintHeight));
        Assert.Equal(minted.TxHash, held.Flags.OriginTxHash);
        Assert.Equal(alice.Address.ToByteString(), held.Flags.Minter);
        Assert.False(held.Status.Frozen);
        await AssertProvenAsync(holdings.Height, holdings.StateRoot, holdings.Proof, MicroshareKeys.Holding(bob.Address, classId));
        var provenHolding = MicroshareHolding.Parser.ParseFrom(holdings.Proof.Value);
        Assert.Equal((lotId, "1200"), (provenHolding.Lots[0].LotId, provenHolding.Lots[0].Units));
        var lot = await Client.GetLotAsync(new GetLotRequest { Id = lotId, Prove = true });
        await AssertProvenAsync(lot.Height, lot.StateRoot, lot.Proof, MicroshareKeys.Lot(lotId));
        Assert.Equal(held.Flags, MicroshareLotState.Parser.ParseFrom(lot.Proof.Value).Flags);
        var cls = await Client.GetMicroshareClassAsync(new GetMicroshareClassRequest { Symbol = "GREEN", Prove = true });
        Assert.Equal(("1000", "0"), (cls.Reserves[0].Committed, cls.Reserves[0].Released));
        await AssertProvenAsync(cls.Height, cls.StateRoot, cls.Proof, MicroshareKeys.Class(classId));
        var reserveAccount = await Client.GetAccountAsync(new GetAccountRequest { Address = new Seratio.Core.Addressing.Address(cls.Class.ReserveAddress.Span).ToString() });
        Assert.Equal("1000", reserveAccount.Balance);
        var totals = await Client.GetMicroshareTotalsAsync(new GetMicroshareTotalsRequest { ClassId = classId });
        Assert.Equal(("SER", "3000", "1000"), (totals.Totals[0].OriginAsset, totals.Totals[0].Units, totals.Totals[0].Backing));

        ulong recordId = await LinkProvenanceAsync(alice, lotId);

        var revoked = await fixture.CommitAsync(issuer, new Msg { RevokeCertificate = new MsgRevokeCertificate { Id = certificate, Reason = "evidence withdrawn" } });
        Assert.Equal(ResultCode.Ok, revoked.Code);
        var refused = await fixture.CommitAsync(bob, Send(classId, alice, "1"));
        Assert.Equal(ResultCode.Frozen, refused.Code);
        Assert.Contains($"certificate {certificate} revoked at height {revoked.Height}: evidence withdrawn", refused.Log);
        var frozen = await Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = bob.Address.ToString(), ClassId = classId });
        Assert.True(frozen.Lots[0].Status.Frozen);
        Assert.Equal($"certificate {certificate} revoked at height {revoked.Height}: evidence withdrawn", frozen.Lots[0].Status.Reason);
        var bobTotals = await Client.GetMicroshareTotalsAsync(new GetMicroshareTotalsRequest { ClassId = classId, Holder = bob.Address.ToString() });
        Assert.Equal(("1200", "1200"), (bobTotals.Totals[0].Units, bobTotals.Totals[0].FrozenUnits));

        var lineage = await Client.GetLotLineageAsync(new GetLotLineageRequest { LotId = lotId });
        Assert.Equal((minted.TxHash, minted.Height), (lineage.MintTxHash, lineage.MintHeight));
        var mintBlock = await Client.GetBlockAsync(new GetBlockRequest { Height = minted.Height });
        Assert.Equal(mintBlock.BlockHash, lineage.MintBlockHash);
        Assert.Equal((certificate, CertificateStatus.Revoked), (lineage.Certificate.Id, lineage.CertificateStatus));
        Assert.Equal(("GREEN", true), (lineage.Class.Symbol, lineage.Status.Frozen));
        var mintTx = await Client.GetTxAsync(new GetTxRequest { Hash = lineage.MintTxHash });
        Assert.Equal(ResultCode.Ok, mintTx.Receipt.Code);
        Assert.Equal([recordId], lineage.ProvenanceRecordIds);
        Assert.Equal(1UL, lineage.ProvenanceRecordCount);
    }

    /// <summary>
    /// The lot's certificate subject (controlled by <paramref name="controller"/>) appends a record linking
    /// the lot; a link to an unknown lot is refused first. Returns the record's id.
    /// </summary>
    private async Task<ulong> LinkProvenanceAsync(SigningKey controller, ulong lotId)
    {
        var before = await Client.GetLotLineageAsync(new GetLotLineageRequest { LotId = lotId });
        Assert.Empty(before.ProvenanceRecordIds);
        Assert.Equal(0UL, before.ProvenanceRecordCount);
        ulong entity = before.Certificate.Subject;

        var unknown = await fixture.CommitAsync(controller, LinkLot(entity, 999_999));
        Assert.Equal(ResultCode.NotFound, unknown.Code);
        Assert.Contains("links[0] names microshare lot 999999, which does not exist", unknown.Log);

        var linked = await fixture.CommitAsync(controller, LinkLot(entity, lotId));
        Assert.True(linked.Code == ResultCode.Ok, linked.Log);
        ulong recordId = ulong.Parse(Attr(linked, "provenance_appended", "id"));
        var listed = await Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { MicroshareLotId = lotId });
        Assert.Equal(1UL, listed.Total);
        Assert.Equal(recordId, Assert.Single(listed.Records).Id);
        Assert.Equal($"lot:{lotId}", Seratio.Vm.Modules.Provenance.Provenance.LinkText(listed.Records[0].Links[0]));
        await AssertStatus(StatusCode.NotFound, "no microshare lot 999999",
            Client.ListProvenanceRecordsAsync(new ListProvenanceRecordsRequest { MicroshareLotId = 999_999 }).ResponseAsync);
        return recordId;
    }

    private static Msg LinkLot(ulong entity, ulong lotId)
    {
        var append = new MsgAppendProvenance
        {
            EntityId = entity, EventKind = ProvenanceEventKind.Transaction, EventTimeMs = 1_690_000_000_000, BusinessStep = "minting",
        };
        append.Items.Add($"harvest-of-lot-{lotId}");
        append.Links.Add(new ProvenanceLink { MicroshareLotId = lotId });
        return new Msg { AppendProvenance = append };
    }

    [Fact]
    public async Task BadInput_GetsPreciseStatusesAndReceipts_AndNothingIsHalfApplied()
    {
        using var authority = TestNetwork.Account(0);
        using var rewarder = TestNetwork.Account(5);
        using var issuer = TestNetwork.Account(6);
        using var carol = TestNetwork.Account(7);
        ulong certificate = await CertificateAsync(authority, rewarder, issuer, carol, "micro-bad");

        var noRole = await fixture.CommitAsync(carol, CreateClass("NOROLE", certificate));
        Assert.Equal(ResultCode.Unauthorized, noRole.Code);
        Assert.Contains("lacks the rewarding-body role", noRole.Log);
        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(rewarder, CreateClass("BADIN", certificate))).Code);
        var duplicate = await fixture.CommitAsync(rewarder, CreateClass("BADIN", certificate));
        Assert.Equal(ResultCode.AlreadyExists, duplicate.Code);
        var cls = await Client.GetMicroshareClassAsync(new GetMicroshareClassRequest { Symbol = "BADIN" });
        ulong classId = cls.Class.Id;

        var malformed = await fixture.SignAsync(carol, Send(classId, carol, "0"));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitTxAsync(new SubmitTxRequest { Tx = malformed }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("units is 0", error.Status.Detail);

        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(carol, Mint(classId, certificate, "10"))).Code);
        var insufficient = await fixture.CommitAsync(carol, Send(classId, rewarder, "31"));
        Assert.Equal(ResultCode.InsufficientFunds, insufficient.Code);
        var carolsLot = (await Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = carol.Address.ToString(), ClassId = classId })).Lots[0].LotId;
        var notHers = await fixture.CommitAsync(rewarder, Send(classId, carol, "1", carolsLot));
        Assert.Equal(ResultCode.Unauthorized, notHers.Code);
        Assert.Contains("does not belong to", notHers.Log);
        var unknownLot = await fixture.CommitAsync(carol, Send(classId, rewarder, "1", 999_999));
        Assert.Equal(ResultCode.NotFound, unknownLot.Code);
        var unknownClass = await fixture.CommitAsync(carol, Mint(999_999, certificate, "10"));
        Assert.Equal(ResultCode.NotFound, unknownClass.Code);

        // A good mint followed by a bad send in one transaction: neither applies.
        var before = await Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = carol.Address.ToString(), ClassId = classId });
        var mixed = await fixture.CommitAsync(carol, Mint(classId, certificate, "5"), Send(classId, rewarder, "1000"));
        Assert.Equal(ResultCode.InsufficientFunds, mixed.Code);
        Assert.StartsWith("message 1 (send-microshares)", mixed.Log);
        var after = await Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = carol.Address.ToString(), ClassId = classId });
        Assert.Equal(before.Lots, after.Lots);

        var head = (await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;
        await AssertStatus(StatusCode.InvalidArgument, "exactly one of id", Client.GetMicroshareClassAsync(new GetMicroshareClassRequest()).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no microshare class has symbol 'NONE'", Client.GetMicroshareClassAsync(new GetMicroshareClassRequest { Symbol = "NONE" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "id is required", Client.GetLotAsync(new GetLotRequest()).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no lot 999999", Client.GetLotAsync(new GetLotRequest { Id = 999_999 }).ResponseAsync);
        await AssertStatus(StatusCode.OutOfRange, "above the latest height", Client.GetLotAsync(new GetLotRequest { Id = 1, Height = head + 1_000 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "address", Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = "ser1nope", ClassId = classId }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "class_id is required", Client.GetMicroshareHoldingsAsync(new GetMicroshareHoldingsRequest { Address = carol.Address.ToString() }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no microshare class 999999", Client.GetMicroshareTotalsAsync(new GetMicroshareTotalsRequest { ClassId = 999_999 }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no lot 999999", Client.GetLotLineageAsync(new GetLotLineageRequest { LotId = 999_999 }).ResponseAsync);

        // Still serving and committing.
        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(carol, Send(classId, rewarder, "1"))).Code);
    }

    /// <summary>Grants the roles, registers a method and an entity, issues a certificate (ratio 2.5); returns its id.</summary>
    private async Task<ulong> CertificateAsync(SigningKey authority, SigningKey rewarder, SigningKey issuer, SigningKey owner, string method)
    {
        var setUp = await fixture.CommitAsync(authority,
            new Msg { RegisterMethod = CertificatesTests.Method(method) },
            new Msg { GrantRole = new MsgGrantRole { Account = issuer.Address.ToByteString(), Role = Role.Issuer } },
            new Msg { GrantRole = new MsgGrantRole { Account = rewarder.Address.ToByteString(), Role = Role.RewardingBody } });
        Assert.True(setUp.Code == ResultCode.Ok, setUp.Log);
        var register = new MsgRegisterEntity { Kind = EntityKind.Organisation, Name = "Entity of " + method };
        register.Controllers.Add(owner.Address.ToByteString());
        var entity = await fixture.CommitAsync(owner, new Msg { RegisterEntity = register });
        Assert.True(entity.Code == ResultCode.Ok, entity.Log);
        ulong subject = CertificatesTests.IdOf(entity, "entity_registered");
        var issued = await fixture.CommitAsync(issuer, CertificatesTests.Issue(subject, method, "250", "100", DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeMilliseconds()));
        Assert.True(issued.Code == ResultCode.Ok, issued.Log);
        return CertificatesTests.IdOf(issued, "certificate_issued");
    }

    private static Msg CreateClass(string symbol, ulong certificate) => new()
    {
        CreateMicroshareClass = new MsgCreateMicroshareClass
        {
            Name = symbol + " shares", Symbol = symbol, CertificateIds = { certificate }, Redeemable = true,
            Rule = new MintRule { Kind = MintRuleKind.Fixed, Numerator = 3, Denominator = 1 },
        },
    };

    private static Msg Mint(ulong classId, ulong certificate, string amount) =>
        new() { MintMicroshares = new MsgMintMicroshares { ClassId = classId, CertificateId = certificate, OriginAsset = "SER", OriginAmount = amount } };

    private static Msg Send(ulong classId, SigningKey to, string units, params ulong[] lots) =>
        new() { SendMicroshares = new MsgSendMicroshares { ClassId = classId, To = to.Address.ToByteString(), Units = units, LotIds = { lots } } };

    private static string Attr(Receipt receipt, string type, string key) =>
        receipt.Events.First(e => e.Type == type).Attributes.First(a => a.Key == key).Value;

    private async Task AssertProvenAsync(ulong height, ByteString stateRoot, StateProof proof, Hash32 key)
    {
        var header = (await Client.GetBlockAsync(new GetBlockRequest { Height = height })).Block.Header;
        var root = Hash32.FromByteString(stateRoot, "state_root");
        Assert.Equal(Hash32.FromByteString(header.StateRoot, "header.state_root"), root);
        Assert.Equal(key, Hash32.FromByteString(proof.Key, "proof.key"));
        Assert.True(proof.Exists);
        Assert.True(StateProofVerifier.Verify(root, proof, out var reason), reason);
    }

    private static async Task AssertStatus<T>(StatusCode code, string fragment, Task<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.Equal(code, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail);
    }
}
