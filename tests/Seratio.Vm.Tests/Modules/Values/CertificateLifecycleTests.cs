using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.CertMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Values;

public class CertificateLifecycleTests
{
    [Fact]
    public void Revoke_ByTheIssuer_RecordsTheReason_AndEmitsAnEvent()
    {
        var state = Ready();
        Run(state, "issuer", Issue());
        var receipt = Run(state, "issuer", 4, RevokeCert(1, "evidence withdrawn"));
        Assert.Equal(ResultCode.Ok, receipt.Code);
        var cert = Certificates.Get(state, 1)!;
        Assert.True(Certificates.IsRevoked(cert));
        Assert.Equal(("evidence withdrawn", 4UL, TimeAt(4)), (cert.RevocationReason, cert.RevokedHeight, cert.RevokedAtUnixMs));
        Assert.Equal(CertificateStatus.Revoked, Certificates.StatusAt(cert, TimeAt(4)));
        var ev = Assert.Single(receipt.Events);
        Assert.Equal(RevokeCertificateHandler.EventType, ev.Type);
        Assert.Equal(("1", "1", "evidence withdrawn"), (Attributes(ev)["id"], Attributes(ev)["subject"], Attributes(ev)["reason"]));
        Assert.Equal(Addr("issuer").ToString(), Attributes(ev)["by"]);
    }

    [Fact]
    public void Revoke_ByTheAuthority_IsAllowed_ByOthers_Unauthorized()
    {
        var state = Ready();
        Run(state, "issuer", Issue());
        var refused = Run(state, "owner", RevokeCert(1));
        Assert.Equal(ResultCode.Unauthorized, refused.Code);
        Assert.Contains("is neither the issuer of certificate 1 nor the authority", refused.Log);
        Assert.False(Certificates.Get(state, 1)!.Revoked);
        Assert.Equal(ResultCode.Ok, Run(state, Authority, RevokeCert(1, "accreditation lapsed")).Code);
        Assert.Equal(Addr(Authority).ToByteString(), Certificates.Get(state, 1)!.RevokedBy);
    }

    [Fact]
    public void Revoke_Twice_IsAlreadyExists_AndUnknownIds_NotFound()
    {
        var state = Ready();
        Run(state, "issuer", Issue());
        Run(state, "issuer", RevokeCert(1, "first"));
        var again = Run(state, "issuer", RevokeCert(1, "second"));
        Assert.Equal(ResultCode.AlreadyExists, again.Code);
        Assert.Contains("already revoked at height 1: first", again.Log);
        Assert.Equal("first", Certificates.Get(state, 1)!.RevocationReason);
        var unknown = Run(state, "issuer", RevokeCert(7));
        Assert.Equal(ResultCode.NotFound, unknown.Code);
        Assert.Contains("certificate 7 does not exist", unknown.Log);
    }

    [Theory]
    [InlineData(0UL, "why", "id is required")]
    [InlineData(1UL, "", "reason is required")]
    public void Revoke_Malformed_IsInvalid(ulong id, string reason, string log)
    {
        var check = new RevokeCertificateHandler().Validate(RevokeCert(id, reason), Blocks.Params);
        Assert.Equal(ResultCode.InvalidMsg, check.Code);
        Assert.Contains(log, check.Log);
    }

    [Fact]
    public void Supersede_LinksBothCertificates_AndTheOldOneIsSuperseded()
    {
        var state = Ready();
        Run(state, "issuer", Issue());
        var receipt = Run(state, "issuer", 6, Supersede(1, Cert(social: "300")));
        Assert.Equal(ResultCode.Ok, receipt.Code);
        var (old, replacement) = (Certificates.Get(state, 1)!, Certificates.Get(state, 2)!);
        Assert.Equal((2UL, 6UL), (old.SupersededBy, old.SupersededHeight));
        Assert.Equal(1UL, replacement.Supersedes);
        Assert.Equal("3000000000000000000", replacement.Ratio);
        Assert.Equal(CertificateStatus.Superseded, Certificates.StatusAt(old, TimeAt(6)));
        Assert.Equal(CertificateStatus.Active, Certificates.StatusAt(replacement, TimeAt(6)));
        Assert.Equal([CertificateIssuance.EventType, SupersedeCertificateHandler.EventType], receipt.Events.Select(e => e.Type));
        Assert.Equal("1", Attributes(receipt.Events[0])["supersedes"]);
        Assert.Equal("2", Attributes(receipt.Events[1])["superseded_by"]);
        Assert.Equal([1UL, 2UL], CertificateIndex.Read(state, CertificateIndex.Owner.OfSubject(1), 0, 10));
    }

    [Fact]
    public void Supersede_Refusals_NameTheRule_AndChangeNothing()
    {
        var state = Ready("issuer2");
        Run(state, Authority, Grant("issuer2", Role.Issuer));
        Run(state, "owner", Register("other entity", "owner"));
        Run(state, "issuer", Issue());

        var foreign = Run(state, "issuer2", Supersede(1, Cert()));
        Assert.Equal(ResultCode.Unauthorized, foreign.Code);
        Assert.Contains("did not issue certificate 1; only its issuer may supersede it", foreign.Log);
        var otherSubject = Run(state, "issuer", Supersede(1, Cert(subject: 2)));
        Assert.Equal(ResultCode.InvalidMsg, otherSubject.Code);
        Assert.Contains("subject 2 differs from certificate 1's subject 1", otherSubject.Log);
        var unknown = Run(state, "issuer", Supersede(9, Cert()));
        Assert.Equal(ResultCode.NotFound, unknown.Code);
        var badMethod = Run(state, "issuer", Supersede(1, Cert(version: 3)));
        Assert.Equal(ResultCode.NotFound, badMethod.Code);
        Assert.Equal(0UL, Certificates.Get(state, 1)!.SupersededBy);
        Assert.Null(Certificates.Get(state, 2));

        Assert.Equal(ResultCode.Ok, Run(state, "issuer", Supersede(1, Cert())).Code);
        var twice = Run(state, "issuer", Supersede(1, Cert()));
        Assert.Equal(ResultCode.AlreadyExists, twice.Code);
        Assert.Contains("already superseded by certificate 2; supersede 2 instead", twice.Log);
        Run(state, "issuer", RevokeCert(2));
        var revoked = Run(state, "issuer", Supersede(2, Cert()));
        Assert.Equal(ResultCode.InvalidMsg, revoked.Code);
        Assert.Contains("certificate 2 is revoked and cannot be superseded", revoked.Log);
    }

    [Fact]
    public void Status_FollowsBlockTime_AtValidUntilTheCertificateIsExpired()
    {
        var state = Ready();
        long validUntil = TimeAt(10);
        Run(state, "issuer", 2, Issue(Cert(validUntil: validUntil)));
        var cert = Certificates.Get(state, 1)!;
        Assert.Equal(CertificateStatus.Active, Certificates.StatusAt(cert, validUntil - 1));
        Assert.True(Certificates.IsActiveAt(cert, validUntil - 1));
        Assert.Equal(CertificateStatus.Expired, Certificates.StatusAt(cert, validUntil));
        Assert.True(Certificates.IsExpiredAt(cert, validUntil));
        Assert.False(Certificates.IsActiveAt(cert, validUntil + 1));
    }

    [Fact]
    public void Status_RevokedWinsOverSupersededAndExpired_SupersededOverExpired()
    {
        var cert = new CertificateState { ValidUntilUnixMs = 100 };
        Assert.Equal(CertificateStatus.Expired, Certificates.StatusAt(cert, 100));
        cert.SupersededBy = 2;
        Assert.Equal(CertificateStatus.Superseded, Certificates.StatusAt(cert, 100));
        Assert.Equal(CertificateStatus.Superseded, Certificates.StatusAt(cert, 50));
        cert.Revoked = true;
        Assert.Equal(CertificateStatus.Revoked, Certificates.StatusAt(cert, 50));
        Assert.Equal(CertificateStatus.Revoked, Certificates.StatusAt(cert, 100));
    }

    [Fact]
    public void ExpiredCertificates_MayStillBeRevokedAndSuperseded()
    {
        var state = Ready();
        Run(state, "issuer", 2, Issue(Cert(validUntil: TimeAt(3))), Issue(Cert(validUntil: TimeAt(3))));
        Assert.Equal(CertificateStatus.Expired, Certificates.StatusAt(Certificates.Get(state, 1)!, TimeAt(5)));
        Assert.Equal(ResultCode.Ok, Run(state, "issuer", 5, Supersede(1, Cert())).Code);
        Assert.Equal(ResultCode.Ok, Run(state, "issuer", 5, RevokeCert(2)).Code);
    }
}
