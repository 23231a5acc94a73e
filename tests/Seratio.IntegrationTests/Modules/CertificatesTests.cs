using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.IntegrationTests.Infrastructure;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.State;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// S/E certificates through a real node process: methods, issue, revoke, supersede and expiry,
/// each certificate proven against its block's state root with its status at that height, and
/// every kind of bad input answered with a precise status or receipt code while the node serves on.
/// </summary>
public sealed class CertificatesTests(ValueModulesFixture fixture) : IClassFixture<ValueModulesFixture>
{
    private NodeApi.NodeApiClient Client => fixture.Client;

    [Fact]
    public async Task Certificate_IssuedRevokedAndSuperseded_IsProvenAgainstTheBlockRoot_WithItsStatusAtEachHeight()
    {
        using var issuer = TestNetwork.Account(1);
        using var owner = TestNetwork.Account(2);
        ulong subject = await IssuerAndSubjectAsync(issuer, "sroi", owner, "Acme");

        var issued = await fixture.CommitAsync(issuer, Issue(subject, "sroi", "250", "100", ValidFor(TimeSpan.FromDays(365))));
        Assert.Equal(ResultCode.Ok, issued.Code);
        ulong id = IdOf(issued, "certificate_issued");

        var shown = await Client.GetCertificateAsync(new GetCertificateRequest { Id = id, Prove = true });
        Assert.Equal(CertificateStatus.Active, shown.Status);
        Assert.Equal(("250", "100", "2500000000000000000"), (shown.Certificate.SocialValue, shown.Certificate.FinancialValue, shown.Certificate.Ratio));
        Assert.Equal(issuer.Address.ToByteString(), shown.Certificate.Issuer);
        await AssertProvenAsync(shown.Height, shown.StateRoot, shown.Proof, CertificateKeys.Certificate(id));
        Assert.Equal(shown.Certificate, CertificateState.Parser.ParseFrom(shown.Proof.Value));
        var method = await Client.GetMethodAsync(new GetMethodRequest { Id = "sroi", Prove = true });
        Assert.Equal((1U, 1U), (method.Method.Version, method.LatestVersion));
        await AssertProvenAsync(method.Height, method.StateRoot, method.Proof, CertificateKeys.Method("sroi", 1));

        var revoked = await fixture.CommitAsync(issuer, new Msg { RevokeCertificate = new MsgRevokeCertificate { Id = id, Reason = "evidence withdrawn" } });
        Assert.Equal(ResultCode.Ok, revoked.Code);
        var ev = Assert.Single(revoked.Events);
        Assert.Equal("certificate_revoked", ev.Type);
        Assert.Contains(ev.Attributes, a => a.Key == "reason" && a.Value == "evidence withdrawn");
        var now = await Client.GetCertificateAsync(new GetCertificateRequest { Id = id, Prove = true });
        Assert.Equal(CertificateStatus.Revoked, now.Status);
        Assert.Equal("evidence withdrawn", now.Certificate.RevocationReason);
        await AssertProvenAsync(now.Height, now.StateRoot, now.Proof, CertificateKeys.Certificate(id));
        var then = await Client.GetCertificateAsync(new GetCertificateRequest { Id = id, Height = issued.Height });
        Assert.Equal(CertificateStatus.Active, then.Status);

        var second = IdOf(await fixture.CommitAsync(issuer, Issue(subject, "sroi", "1", "3", ValidFor(TimeSpan.FromDays(30)))), "certificate_issued");
        var superseding = await fixture.CommitAsync(issuer, new Msg
        {
            SupersedeCertificate = new MsgSupersedeCertificate { OldId = second, Replacement = Issue(subject, "sroi", "2", "3", ValidFor(TimeSpan.FromDays(60))).IssueCertificate },
        });
        Assert.Equal(ResultCode.Ok, superseding.Code);
        ulong third = IdOf(superseding, "certificate_issued");
        var old = await Client.GetCertificateAsync(new GetCertificateRequest { Id = second });
        Assert.Equal((CertificateStatus.Superseded, third), (old.Status, old.Certificate.SupersededBy));
        var replacement = await Client.GetCertificateAsync(new GetCertificateRequest { Id = third });
        Assert.Equal((CertificateStatus.Active, second, "666666666666666666"), (replacement.Status, replacement.Certificate.Supersedes, replacement.Certificate.Ratio));

        var all = await Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = subject });
        Assert.Equal([id, second, third], all.Certificates.Select(c => c.Certificate.Id));
        Assert.Equal([CertificateStatus.Revoked, CertificateStatus.Superseded, CertificateStatus.Active], all.Certificates.Select(c => c.Status));
        var active = await Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = subject, Status = CertificateStatus.Active });
        Assert.Equal(third, Assert.Single(active.Certificates).Certificate.Id);
        var page1 = await Client.ListCertificatesAsync(new ListCertificatesRequest { Issuer = issuer.Address.ToString(), PageSize = 2 });
        Assert.Equal([id, second], page1.Certificates.Select(c => c.Certificate.Id));
        var page2 = await Client.ListCertificatesAsync(new ListCertificatesRequest { Issuer = issuer.Address.ToString(), PageSize = 2, PageToken = page1.NextPageToken });
        Assert.Equal(third, Assert.Single(page2.Certificates).Certificate.Id);
        Assert.Equal("", page2.NextPageToken);
    }

    [Fact]
    public async Task Certificate_PastValidUntil_IsExpiredAtLaterHeights_AndActiveAtItsIssueHeight()
    {
        using var issuer = TestNetwork.Account(3);
        using var owner = TestNetwork.Account(4);
        ulong subject = await IssuerAndSubjectAsync(issuer, "expiry-test", owner, "Short lived");
        var status = await Client.GetStatusAsync(new GetStatusRequest());
        long validUntil = Math.Max(status.LatestBlockTimeUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()) + 3_000;
        var issued = await fixture.CommitAsync(issuer, Issue(subject, "expiry-test", "5", "5", validUntil));
        Assert.True(issued.Code == ResultCode.Ok, issued.Log);
        ulong id = IdOf(issued, "certificate_issued");

        // Blocks carry the proposer's time: commit until one is past valid_until (a few seconds at most).
        for (int i = 0; i < 40; i++)
        {
            var latest = await Client.GetStatusAsync(new GetStatusRequest());
            if (latest.LatestBlockTimeUnixMs >= validUntil) break;
            await Task.Delay(200);
            await fixture.CommitAsync(owner, new Msg { UpdateEntity = new MsgUpdateEntity { Id = subject, Name = "Short lived " + i.ToString(CultureInfo.InvariantCulture) } });
        }
        var now = await Client.GetCertificateAsync(new GetCertificateRequest { Id = id });
        Assert.True(now.BlockTimeUnixMs >= validUntil, "no block past valid_until was committed");
        Assert.Equal(CertificateStatus.Expired, now.Status);
        var atIssue = await Client.GetCertificateAsync(new GetCertificateRequest { Id = id, Height = issued.Height });
        Assert.Equal(CertificateStatus.Active, atIssue.Status);
        var expired = await Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = subject, Status = CertificateStatus.Expired });
        Assert.Equal(id, Assert.Single(expired.Certificates).Certificate.Id);
    }

    [Fact]
    public async Task EveryCertificate_IsListedNewestFirst_PageByPage_WithStatuses_AtAFixedHeight()
    {
        using var issuer = TestNetwork.Account(1);
        using var owner = TestNetwork.Account(2);
        ulong subject = await IssuerAndSubjectAsync(issuer, "listed", owner, "Listed");
        var ids = new List<ulong>();
        for (int i = 0; i < 3; i++)
            ids.Add(IdOf(await fixture.CommitAsync(issuer, Issue(subject, "listed", "5", "2", ValidFor(TimeSpan.FromDays(9)))), "certificate_issued"));
        var revoked = await fixture.CommitAsync(issuer, new Msg { RevokeCertificate = new MsgRevokeCertificate { Id = ids[1], Reason = "listed as revoked" } });
        Assert.Equal(ResultCode.Ok, revoked.Code);
        ulong height = revoked.Height; // other tests of this class may issue more later: list at this height

        var listed = new List<ListedCertificate>();
        string token = "";
        ListCertificatesResponse page;
        do
        {
            page = await Client.ListCertificatesAsync(new ListCertificatesRequest { PageSize = 2, PageToken = token, Height = height });
            Assert.Equal(height, page.Height);
            Assert.InRange(page.Certificates.Count, 1, 2);
            listed.AddRange(page.Certificates);
            token = page.NextPageToken;
        } while (token.Length > 0);
        Assert.Equal(ids[2], page.LastId);
        Assert.Equal(Enumerable.Range(1, (int)ids[2]).Select(i => (ulong)i).Reverse(), listed.Select(c => c.Certificate.Id));
        Assert.Equal(CertificateStatus.Revoked, listed.Single(c => c.Certificate.Id == ids[1]).Status);
        Assert.Equal(CertificateStatus.Active, listed.Single(c => c.Certificate.Id == ids[2]).Status);

        var onlyRevoked = await Client.ListCertificatesAsync(new ListCertificatesRequest { Status = CertificateStatus.Revoked, PageSize = 100, Height = height });
        Assert.Contains(ids[1], onlyRevoked.Certificates.Select(c => c.Certificate.Id));
        Assert.DoesNotContain(ids[2], onlyRevoked.Certificates.Select(c => c.Certificate.Id));
        Assert.All(onlyRevoked.Certificates, c => Assert.Equal(CertificateStatus.Revoked, c.Status));

        // The token names the id a page starts at: one above the newest starts at the newest, "0" lists nothing.
        var fromMiddle = await Client.ListCertificatesAsync(new ListCertificatesRequest { PageSize = 1, PageToken = ids[1].ToString(CultureInfo.InvariantCulture), Height = height });
        Assert.Equal(ids[1], Assert.Single(fromMiddle.Certificates).Certificate.Id);
        Assert.Equal((ids[1] - 1).ToString(CultureInfo.InvariantCulture), fromMiddle.NextPageToken);
        var fromAbove = await Client.ListCertificatesAsync(new ListCertificatesRequest { PageSize = 1, PageToken = "18446744073709551615", Height = height });
        Assert.Equal(ids[2], Assert.Single(fromAbove.Certificates).Certificate.Id);
        var nothing = await Client.ListCertificatesAsync(new ListCertificatesRequest { PageToken = "0", Height = height });
        Assert.Empty(nothing.Certificates);
        Assert.Equal("", nothing.NextPageToken);
        Assert.Equal(ids[2], nothing.LastId);
    }

    [Fact]
    public async Task BadQueries_GetPreciseStatuses()
    {
        using var someone = TestNetwork.Account(5);
        var head = (await Client.GetStatusAsync(new GetStatusRequest())).LatestHeight;
        await AssertStatus(StatusCode.InvalidArgument, "id is required", Client.GetCertificateAsync(new GetCertificateRequest()).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "no certificate 999999", Client.GetCertificateAsync(new GetCertificateRequest { Id = 999_999 }).ResponseAsync);
        await AssertStatus(StatusCode.OutOfRange, "above the latest height",
            Client.GetCertificateAsync(new GetCertificateRequest { Id = 1, Height = head + 1_000 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "at most one of subject",
            Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = 1, Issuer = someone.Address.ToString() }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "issuer", Client.ListCertificatesAsync(new ListCertificatesRequest { Issuer = "ser1nope" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_size 101", Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = 1, PageSize = 101 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_token", Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = 1, PageToken = "x" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_token", Client.ListCertificatesAsync(new ListCertificatesRequest { PageToken = "-1" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "page_size 101", Client.ListCertificatesAsync(new ListCertificatesRequest { PageSize = 101 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "status 9 is unknown",
            Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = 1, Status = (CertificateStatus)9 }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, "contains ' '", Client.GetMethodAsync(new GetMethodRequest { Id = "no such" }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, "method 'never' is not registered", Client.GetMethodAsync(new GetMethodRequest { Id = "never" }).ResponseAsync);
        var empty = await Client.ListCertificatesAsync(new ListCertificatesRequest { Issuer = someone.Address.ToString() });
        Assert.Empty(empty.Certificates);
    }

    [Fact]
    public async Task BadTransactions_AreRefusedPrecisely_AndNothingIsHalfApplied()
    {
        using var authority = TestNetwork.Account(0);
        using var issuer = TestNetwork.Account(6);
        using var stranger = TestNetwork.Account(7);
        ulong subject = await IssuerAndSubjectAsync(issuer, "bad-inputs", stranger, "Target");

        var zero = await fixture.SignAsync(issuer, Issue(subject, "bad-inputs", "10", "0", ValidFor(TimeSpan.FromDays(1))));
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitTxAsync(new SubmitTxRequest { Tx = zero }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("financial_value is 0", error.Status.Detail);

        var noRole = await fixture.CommitAsync(stranger, Issue(subject, "bad-inputs", "10", "5", ValidFor(TimeSpan.FromDays(1))));
        Assert.Equal(ResultCode.Unauthorized, noRole.Code);
        Assert.Contains("lacks the issuer role", noRole.Log);
        var restricted = await fixture.CommitAsync(authority,
            new Msg { RegisterMethod = Method("other-method") },
            new Msg { GrantRole = new MsgGrantRole { Account = stranger.Address.ToByteString(), Role = Role.Issuer, Methods = { "other-method" } } });
        Assert.Equal(ResultCode.Ok, restricted.Code);
        var wrongMethod = await fixture.CommitAsync(stranger, Issue(subject, "bad-inputs", "10", "5", ValidFor(TimeSpan.FromDays(1))));
        Assert.Equal(ResultCode.Unauthorized, wrongMethod.Code);
        Assert.Contains("may not issue under method 'bad-inputs'", wrongMethod.Log);

        var unknownSubject = await fixture.CommitAsync(issuer, Issue(424_242, "bad-inputs", "10", "5", ValidFor(TimeSpan.FromDays(1))));
        Assert.Equal(ResultCode.NotFound, unknownSubject.Code);
        var unknownVersion = await fixture.CommitAsync(issuer, Issue(subject, "bad-inputs", "10", "5", ValidFor(TimeSpan.FromDays(1)), version: 2));
        Assert.Equal(ResultCode.NotFound, unknownVersion.Code);
        Assert.Contains("its latest version is 1", unknownVersion.Log);
        var notAuthority = await fixture.CommitAsync(issuer, new Msg { RegisterMethod = Method("rogue") });
        Assert.Equal(ResultCode.Unauthorized, notAuthority.Code);

        // A good issue followed by a bad revoke in one transaction: neither applies.
        var before = await Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = subject });
        var mixed = await fixture.CommitAsync(issuer,
            Issue(subject, "bad-inputs", "10", "5", ValidFor(TimeSpan.FromDays(1))),
            new Msg { RevokeCertificate = new MsgRevokeCertificate { Id = 999_999, Reason = "nope" } });
        Assert.Equal(ResultCode.NotFound, mixed.Code);
        Assert.StartsWith("message 1 (revoke-certificate)", mixed.Log);
        var after = await Client.ListCertificatesAsync(new ListCertificatesRequest { Subject = subject });
        Assert.Equal(before.Certificates.Count, after.Certificates.Count);

        // Still serving and committing.
        Assert.Equal(ResultCode.Ok, (await fixture.CommitAsync(issuer, Issue(subject, "bad-inputs", "10", "5", ValidFor(TimeSpan.FromDays(1))))).Code);
    }

    /// <summary>Registers <paramref name="method"/> and makes <paramref name="issuer"/> an issuer unless an earlier test of this class did.</summary>
    /// <summary>
    /// The authority (account 0) registers <paramref name="method"/> and makes <paramref name="issuer"/> an issuer unless it
    /// is one already; <paramref name="owner"/> registers an organisation named <paramref name="entity"/>. Returns its id.
    /// </summary>
    private async Task<ulong> IssuerAndSubjectAsync(SigningKey issuer, string method, SigningKey owner, string entity)
    {
        using var authority = TestNetwork.Account(0);
        var msgs = new List<Msg> { new() { RegisterMethod = Method(method) } };
        if (!(await Client.GetRolesAsync(new GetRolesRequest { Address = issuer.Address.ToString() })).Roles.Issuer)
            msgs.Add(new Msg { GrantRole = new MsgGrantRole { Account = issuer.Address.ToByteString(), Role = Role.Issuer } });
        var setUp = await fixture.CommitAsync(authority, [.. msgs]);
        Assert.True(setUp.Code == ResultCode.Ok, setUp.Log);

        var register = new MsgRegisterEntity { Kind = EntityKind.Organisation, Name = entity };
        register.Controllers.Add(owner.Address.ToByteString());
        var receipt = await fixture.CommitAsync(owner, new Msg { RegisterEntity = register });
        Assert.True(receipt.Code == ResultCode.Ok, receipt.Log);
        return IdOf(receipt, "entity_registered");
    }

    internal static MsgRegisterMethod Method(string id) => new()
    {
        Id = id, Version = 1, Description = "Test method " + id, DocumentHash = Hash32.Sha256(System.Text.Encoding.UTF8.GetBytes(id)).ToByteString(),
    };

    internal static Msg Issue(ulong subject, string method, string social, string financial, long validUntil, uint version = 1)
    {
        var issue = new MsgIssueCertificate
        {
            Subject = subject, PeriodStartUnixMs = 1_672_531_200_000, PeriodEndUnixMs = 1_704_067_200_000,
            SocialValue = social, FinancialValue = financial, Scale = 2, SocialUnit = "GBP", Currency = "GBP",
            MethodId = method, MethodVersion = version, EvidenceUri = "ipfs://evidence/" + subject.ToString(CultureInfo.InvariantCulture),
            EvidenceHash = Hash32.Sha256([1, 2, 3]).ToByteString(), ValidUntilUnixMs = validUntil,
        };
        issue.Labels.Add("SDG:13");
        return new Msg { IssueCertificate = issue };
    }

    private static long ValidFor(TimeSpan span) => DateTimeOffset.UtcNow.Add(span).ToUnixTimeMilliseconds();

    internal static ulong IdOf(Receipt receipt, string eventType) =>
        ulong.Parse(receipt.Events.First(e => e.Type == eventType).Attributes.First(a => a.Key == "id").Value, CultureInfo.InvariantCulture);

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
