using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.State;
using Seratio.Vm.Tests.Support;
using static Seratio.Vm.Tests.Support.CertMsgs;
using static Seratio.Vm.Tests.Support.ValueMsgs;

namespace Seratio.Vm.Tests.Modules.Values;

public class CertificateRulesTests
{
    [Fact]
    public void Issue_ByAnIssuer_StoresTheCertificateWithTheRatio_IndexesIt_AndEmitsAnEvent()
    {
        var state = Ready();
        var receipt = Run(state, "issuer", 3, Issue(Cert(labels: ["SDG:13", "SDG:7"])));

        Assert.Equal(ResultCode.Ok, receipt.Code);
        var cert = Certificates.Get(state, 1)!;
        Assert.Equal((1UL, "250", "100", 2U), (cert.Subject, cert.SocialValue, cert.FinancialValue, cert.Scale));
        Assert.Equal("2500000000000000000", cert.Ratio);
        Assert.Equal(Addr("issuer").ToByteString(), cert.Issuer);
        Assert.Equal((3UL, TimeAt(3)), (cert.IssuedHeight, cert.IssuedAtUnixMs));
        Assert.Equal(["SDG:13", "SDG:7"], cert.Labels);
        Assert.Equal(CertificateStatus.Active, Certificates.StatusAt(cert, TimeAt(3)));
        Assert.Equal([1UL], CertificateIndex.Read(state, CertificateIndex.Owner.OfSubject(1), 0, 10));
        Assert.Equal([1UL], CertificateIndex.Read(state, CertificateIndex.Owner.OfIssuer(Addr("issuer")), 0, 10));
        var ev = Assert.Single(receipt.Events);
        Assert.Equal(CertificateIssuance.EventType, ev.Type);
        var attributes = Attributes(ev);
        Assert.Equal(("1", "1", "2500000000000000000", "SDG:13,SDG:7"), (attributes["id"], attributes["subject"], attributes["ratio"], attributes["label"]));
    }

    [Fact]
    public void Issue_WithoutTheIssuerRole_IsUnauthorized_NamingTheRole()
    {
        var state = Ready();
        var receipt = Run(state, "other", Issue());
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("lacks the issuer role", receipt.Log);
        Assert.Null(Certificates.Get(state, 1));
    }

    [Fact]
    public void Issue_ByAnIssuerRestrictedToOtherMethods_IsUnauthorized_NamingItsMethods()
    {
        var state = Ready("restricted");
        Run(state, Authority, Grant("restricted", Role.Issuer, "ghg"));
        var receipt = Run(state, "restricted", Issue());
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("may not issue under method 'sroi': its issuer role covers only ghg", receipt.Log);
    }

    [Theory]
    [InlineData("nope", 1U, "method 'nope' is not registered")]
    [InlineData("sroi", 2U, "method 'sroi' has no version 2; its latest version is 1")]
    public void Issue_UnderAnUnknownMethodVersion_IsNotFound(string method, uint version, string log)
    {
        var state = Ready();
        var receipt = Run(state, "issuer", Issue(Cert(method: method, version: version)));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains(log, receipt.Log);
    }

    [Fact]
    public void Issue_ForAnUnknownSubject_IsNotFound()
    {
        var state = Ready();
        var receipt = Run(state, "issuer", Issue(subject: 42));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.Contains("subject entity 42 does not exist", receipt.Log);
    }

    [Fact]
    public void Issue_ValidUntilNotAfterTheBlockTime_IsInvalid()
    {
        var state = Ready();
        var receipt = Run(state, "issuer", 5, Issue(Cert(validUntil: TimeAt(5))));
        Assert.Equal(ResultCode.InvalidMsg, receipt.Code);
        Assert.Contains($"valid_until_unix_ms {TimeAt(5)} is not after the block time", receipt.Log);
    }

    public static TheoryData<Action<MsgIssueCertificate>, string> Malformed => new()
    {
        { c => c.FinancialValue = "0", "financial_value is 0" },
        { c => c.Subject = 0, "subject is required" },
        { c => c.PeriodEndUnixMs = c.PeriodStartUnixMs, "must end after it starts" },
        { c => c.SocialValue = "012", "social_value" },
        { c => c.FinancialValue = "340282366920938463463374607431768211456", "financial_value" },
        { c => c.Scale = 19, "scale 19 is above 18" },
        { c => c.SocialUnit = "gbp", "social_unit 'gbp' contains 'g'" },
        { c => c.Currency = "", "currency '' must be 1-16 characters" },
        { c => c.MethodVersion = 0, "method_version is required" },
        { c => c.MethodId = "bad method", "contains ' '" },
        { c => c.EvidenceUri = "", "evidence_uri is required" },
        { c => c.EvidenceHash = Google.Protobuf.ByteString.CopyFrom(1, 2), "evidence_hash must be the 32-byte SHA-256" },
        { c => c.Labels.Add(Enumerable.Range(0, 17).Select(i => "L" + i)), "17 labels given; at most 16" },
        { c => c.Labels.Add(["SDG:1", "SDG:1"]), "labels[1] 'SDG:1' is listed twice" },
        { c => c.Labels.Add("tag with space"), "labels[0]" },
        { c => c.Labels.Add(new string('a', 65)), "must be 1-64 characters" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Issue_Malformed_IsRefusedStatelessly_WithTheFieldNamed(Action<MsgIssueCertificate> spoil, string log)
    {
        var cert = Cert();
        spoil(cert);
        var handler = new IssueCertificateHandler();
        var check = handler.Validate(Issue(cert), Blocks.Params);
        Assert.Equal(ResultCode.InvalidMsg, check.Code);
        Assert.Contains(log, check.Log);
        var state = Ready();
        var receipt = Run(state, "issuer", Issue(cert));
        Assert.Equal(ResultCode.InvalidMsg, receipt.Code);
        Assert.Null(Certificates.Get(state, 1));
    }

    [Fact]
    public void RegisterMethod_ByTheAuthority_GoesVersionByVersion()
    {
        var state = Ready();
        Assert.Equal(ResultCode.Ok, Run(state, Authority, Method("sroi", 2, "v2")).Code);
        Assert.Equal(2U, Methods.LatestVersion(state, "sroi"));
        Assert.Equal("v2", Methods.Get(state, "sroi", 2)!.Description);
        Assert.Equal("Social return on investment", Methods.Get(state, "sroi", 1)!.Description);

        var again = Run(state, Authority, Method("sroi", 2, "changed"));
        Assert.Equal(ResultCode.AlreadyExists, again.Code);
        Assert.Contains("registered versions never change, register version 3", again.Log);
        var skip = Run(state, Authority, Method("sroi", 5));
        Assert.Equal(ResultCode.InvalidMsg, skip.Code);
        Assert.Contains("register version 3 next, not 5", skip.Log);
        var fresh = Run(state, Authority, Method("ghg", 2));
        Assert.Equal(ResultCode.InvalidMsg, fresh.Code);
        Assert.Equal("v2", Methods.Get(state, "sroi", 2)!.Description);
    }

    [Fact]
    public void RegisterMethod_ByAnyoneElse_IsUnauthorized()
    {
        var state = Ready();
        var receipt = Run(state, "issuer", Method("ghg", 1));
        Assert.Equal(ResultCode.Unauthorized, receipt.Code);
        Assert.Contains("only the authority", receipt.Log);
        Assert.Equal(0U, Methods.LatestVersion(state, "ghg"));
    }

    [Theory]
    [InlineData("", 1U, "must be 1-64 characters")]
    [InlineData("sroi", 0U, "version is required")]
    public void RegisterMethod_Malformed_IsInvalid(string id, uint version, string log)
    {
        var check = new RegisterMethodHandler().Validate(Method(id, version), Blocks.Params);
        Assert.Equal(ResultCode.InvalidMsg, check.Code);
        Assert.Contains(log, check.Log);
    }

    [Fact]
    public void RegisterMethod_WithoutADocumentHash_IsInvalid()
    {
        var msg = Method("sroi", 1);
        msg.RegisterMethod.DocumentHash = Google.Protobuf.ByteString.Empty;
        var check = new RegisterMethodHandler().Validate(msg, Blocks.Params);
        Assert.Contains("document_hash must be the 32-byte SHA-256", check.Log);
    }

    [Fact]
    public void AFailingMessage_DropsTheWholeTransaction_IdsAndIndexesIncluded()
    {
        var state = Ready();
        var receipt = Run(state, "issuer", Issue(), Issue(subject: 99));
        Assert.Equal(ResultCode.NotFound, receipt.Code);
        Assert.StartsWith("message 1 (issue-certificate)", receipt.Log);
        Assert.Null(Certificates.Get(state, 1));
        Assert.Null(state.Get(CertificateKeys.Counter()));
        Assert.Equal(0UL, CertificateIndex.Count(state, CertificateIndex.Owner.OfSubject(1)));
        Assert.Equal(ResultCode.Ok, Run(state, "issuer", Issue()).Code);
        Assert.NotNull(Certificates.Get(state, 1));
    }

    [Fact]
    public void Index_SpansBuckets_AndReadsPageByPosition()
    {
        var state = Ready();
        int total = CertificateIndex.BucketSize + 5;
        for (int issued = 0; issued < total; issued += 19)
            Assert.Equal(ResultCode.Ok, Run(state, "issuer", Enumerable.Range(0, Math.Min(19, total - issued)).Select(_ => Issue()).ToArray()).Code);
        var owner = CertificateIndex.Owner.OfSubject(1);
        Assert.Equal((ulong)total, CertificateIndex.Count(state, owner));
        var page = CertificateIndex.Read(state, owner, CertificateIndex.BucketSize - 2, 5);
        Assert.Equal([127UL, 128, 129, 130, 131], page);
        Assert.Equal([133UL], CertificateIndex.Read(state, owner, 132, 10));
        Assert.Empty(CertificateIndex.Read(state, owner, 133, 10));
    }
}
