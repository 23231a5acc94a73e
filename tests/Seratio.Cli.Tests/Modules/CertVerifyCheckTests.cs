using Google.Protobuf;
using Seratio.Cli.Modules;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.State;
using Seratio.Protocol;
using Seratio.Vm.Modules.Certificates;
using Seratio.Vm.State;

namespace Seratio.Cli.Tests.Modules;

/// <summary><c>cert verify</c>'s check of a certificate document against a block header, over a real in-memory state tree.</summary>
public sealed class CertVerifyCheckTests
{
    private const long BlockTime = 1_750_000_000_000;
    private static readonly Address Issuer = Address.Parse("ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh");

    private static CertificateState Certificate(ulong id, long validUntil = BlockTime + 1) => new()
    {
        Id = id, Subject = 3, Issuer = Issuer.ToByteString(), SocialValue = "250", FinancialValue = "100", Scale = 2,
        SocialUnit = "GBP", Currency = "GBP", Ratio = "2500000000000000000", MethodId = "sroi", MethodVersion = 1,
        EvidenceUri = "ipfs://e", EvidenceHash = ByteString.CopyFrom(new byte[32]), ValidUntilUnixMs = validUntil,
    };

    /// <summary>A state of three certificates, the document of certificate 2 with its proof, and the header of its root.</summary>
    private static (CertificateDocument Doc, BlockHeader Header) Proven(CertificateState? two = null)
    {
        var nodes = new InMemoryTreeNodeSource();
        var tree = new SparseMerkleTree(nodes);
        var certificates = new[] { Certificate(1), two ?? Certificate(2), Certificate(3) };
        var changes = new SortedDictionary<Hash32, Hash32?>();
        foreach (var c in certificates) changes[CertificateKeys.Certificate(c.Id)] = SparseMerkleTree.HashValue(c.ToByteArray());
        var update = tree.Update(Hash32.Zero, [.. changes]);
        nodes.Add(update.NewNodes);
        var proof = tree.Prove(update.Root, CertificateKeys.Certificate(2));
        proof.Value = ByteString.CopyFrom(certificates[1].ToByteArray());
        var response = new CertificateResponse
        {
            Certificate = certificates[1],
            Status = Vm.Modules.Certificates.Certificates.StatusAt(certificates[1], BlockTime),
            Height = 9,
            BlockTimeUnixMs = BlockTime,
            StateRoot = update.Root.ToByteString(),
            Proof = proof,
        };
        return (CertificateDocument.From(response), new BlockHeader { Height = 9, TimeUnixMs = BlockTime, StateRoot = update.Root.ToByteString() });
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
