using Seratio.Cli.Modules;
using Seratio.Client.Proofs;
using Seratio.Tests.SharedClient;
using Seratio.Core.Crypto;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Modules;

/// <summary><c>cert verify</c>'s check of a certificate document against a block header, over a real in-memory state tree.</summary>
public sealed class CertVerifyCheckTests
{
    private const long BlockTime = CertificateProofBuilder.BlockTime;

    private static CertificateState Certificate(ulong id, long validUntil) => CertificateProofBuilder.Certificate(id, validUntil);

    /// <summary>A state of three certificates, the document of certificate 2 with its proof, and a header of its root at height 9.</summary>
    private static (CertificateDocument Doc, BlockHeader Header) Proven(CertificateState? two = null)
    {
        var (doc, root) = CertificateProofBuilder.ProveSecond(9, two);
        return (doc, new BlockHeader { Height = 9, TimeUnixMs = BlockTime, StateRoot = root.ToByteString() });
    }

    [Fact]
    public void HonestDocument_Checks_AndTheStatusComesFromTheHeaderTime()
    {
        var (doc, header) = Proven();
        Assert.True(CertVerifyCommand.Check(doc, header, 2, out var proven, out var reason), reason);
        Assert.Equal(2UL, proven!.Id);
        Assert.Equal("active", doc.Status);
    }

    [Fact]
    public void ExpiredAtTheHeaderTime_IsReportedAsExpired_AndAClaimOfActiveFails()
    {
        var (doc, header) = Proven(Certificate(2, validUntil: BlockTime));
        Assert.Equal("expired", doc.Status);
        Assert.True(CertVerifyCommand.Check(doc, header, 2, out _, out var reason), reason);
        Assert.False(CertVerifyCommand.Check(doc with { Status = "active" }, header, 2, out _, out reason));
        Assert.Contains("claimed status active is not the status expired", reason);
    }

    [Fact]
    public void ATamperedSibling_DoesNotLeadToTheRoot()
    {
        var (doc, header) = Proven();
        var siblings = doc.Proof!.Siblings.ToList();
        siblings[0] = (siblings[0][0] == '0' ? "1" : "0") + siblings[0][1..];
        Assert.False(CertVerifyCommand.Check(doc with { Proof = doc.Proof with { Siblings = siblings } }, header, 2, out _, out var reason));
        Assert.Contains("does not lead to the state root", reason);
    }

    [Fact]
    public void AShownValueThatDiffersFromTheProvenOne_Fails()
    {
        var (doc, header) = Proven();
        Assert.False(CertVerifyCommand.Check(doc with { Certificate = doc.Certificate with { SocialValue = "999" } }, header, 2, out _, out var reason));
        Assert.Contains("differs from the proven value", reason);
    }

    [Fact]
    public void AnotherHeadersRoot_OrAnotherId_OrNoProof_Fails()
    {
        var (doc, header) = Proven();
        var other = header.Clone();
        other.StateRoot = Hash32.Sha256([9]).ToByteString();
        Assert.False(CertVerifyCommand.Check(doc, other, 2, out _, out var reason));
        Assert.Contains("is not the header's", reason);
        Assert.False(CertVerifyCommand.Check(doc, header, 3, out _, out reason));
        Assert.Contains("not certificate 3's key", reason);
        Assert.False(CertVerifyCommand.Check(doc with { Proof = null }, header, 2, out _, out reason));
        Assert.Contains("carries no proof", reason);
    }
}
