using System.Text.Json;
using Seratio.Client.Proofs;
using Seratio.Core.Crypto;
using Seratio.Portal.Certificates;

namespace Seratio.Portal.Tests.Certificates;

/// <summary>The check the certificate and /verify pages run: commit signatures, then the state proof, then the values shown.</summary>
public sealed class CertificateVerificationTests
{
    private static CertificateVerdict Check(ProofBuilder b, CertificateDocument doc) =>
        CertificateVerification.Check(doc, doc.Block!, b.Set, ProofBuilder.ChainId, "test set");

    [Fact]
    public void HonestDocument_IsValid_AndEverySignatureIsShownValid()
    {
        using var b = new ProofBuilder();
        var v = Check(b, b.Document());
        Assert.True(v.Valid, v.Reason);
        Assert.Equal(3, v.Signatures.Count);
        Assert.All(v.Signatures, s => Assert.True(s.Valid && s.InSet));
        Assert.Equal(9UL, v.SignedPower);
        Assert.Equal(10UL, v.TotalPower);
        Assert.Equal(2UL, v.Proven!.Id);
    }

    [Fact]
    public void TamperedSocialValue_IsInvalid_NamingTheField()
    {
        using var b = new ProofBuilder();
        var doc = b.Document();
        var v = Check(b, doc with { Certificate = doc.Certificate with { SocialValue = "99900" } });
        Assert.False(v.Valid);
        Assert.Contains("differs from the proven value", v.Reason, StringComparison.Ordinal);
        Assert.Contains("social_value is \"99900\", the proof says \"250\"", v.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("financial_value", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedProvenValue_DoesNotLeadToTheRoot()
    {
        using var b = new ProofBuilder();
        var doc = b.Document();
        var value = doc.Proof!.Value.ToCharArray();
        value[^1] = value[^1] == '0' ? '1' : '0';
        var v = Check(b, doc with { Proof = doc.Proof with { Value = new string(value) } });
        Assert.False(v.Valid);
    }

    [Fact]
    public void ACorruptedSignature_IsInvalid_AndItsRowSaysSo()
    {
        using var b = new ProofBuilder();
        var doc = b.Document();
        var commit = doc.Block!.DecodeCommit();
        var bytes = commit.Signatures[1].Signature.ToByteArray();
        bytes[0] ^= 0xff;
        commit.Signatures[1].Signature = Google.Protobuf.ByteString.CopyFrom(bytes);
        var tampered = doc with { Block = ProofBuilder.Evidence(b.Header, commit) };
        var v = Check(b, tampered);
        Assert.False(v.Valid);
        Assert.Contains("does not verify", v.Reason, StringComparison.Ordinal);
        Assert.Equal([true, false, true], v.Signatures.Select(s => s.Valid));
        Assert.Equal("", v.StateRoot);
    }

    [Fact]
    public void ASignerOutsideTheTrustedSet_IsInvalid()
    {
        using var b = new ProofBuilder();
        using var stranger = SigningKey.ForTesting("not-a-validator");
        var v = Check(b, b.Document(signers: [2, 3], others: [stranger]));
        Assert.False(v.Valid);
        Assert.Contains("not in the validator set", v.Reason, StringComparison.Ordinal);
        Assert.False(v.Signatures[2].InSet);
        Assert.True(v.Signatures[2].Valid);
    }

    [Fact]
    public void SignaturesOfTwoThirdsOrLess_AreInvalid()
    {
        using var b = new ProofBuilder();
        var v = Check(b, b.Document(signers: [0, 1, 2]));
        Assert.False(v.Valid);
        Assert.Contains("more than 2/3 is needed", v.Reason, StringComparison.Ordinal);
        Assert.Equal(6UL, v.SignedPower);
    }

    [Fact]
    public void AHeaderOfAnotherHeight_IsInvalid()
    {
        using var b = new ProofBuilder();
        var v = Check(b, b.Document() with { Height = ProofBuilder.Height + 1 });
        Assert.False(v.Valid);
        Assert.Contains("the header is of height 12", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDownloadedJson_RoundTripsThroughThePasteParser_AndStaysValid()
    {
        using var b = new ProofBuilder();
        var json = JsonSerializer.Serialize(b.Document());
        Assert.True(PastedDocument.TryParse(json, out var doc, out var error), error);
        Assert.True(Check(b, doc!).Valid);
    }

    [Theory]
    [InlineData("", "paste a certificate document")]
    [InlineData("   ", "paste a certificate document")]
    [InlineData("not json", "this is not a certificate document")]
    [InlineData("[1,2]", "this is not a certificate document")]
    [InlineData("{\"certificate\":{},\"status\":\"active\"}", "this is not a certificate document")]
    [InlineData("{\"certificate\":{},\"status\":\"active\",\"state_root\":\"00\",\"surprise\":1}", "this is not a certificate document")]
    [InlineData("{\"certificate\":{},\"status\":\"active\",\"state_root\":\"00\"}", "carries no proof")]
    public void BadPastes_AreRefusedWithAClearMessage(string text, string expected)
    {
        Assert.False(PastedDocument.TryParse(text, out var doc, out var error));
        Assert.Null(doc);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
