using Google.Protobuf;
using Seratio.Cli.Modules;
using Seratio.Cli.Verification;
using Seratio.Core.Crypto;

namespace Seratio.Cli.Tests.Verification;

/// <summary>
/// The offline check of <c>cert verify --trust</c>: a header is believed only when its commit carries more than 2/3 of
/// the trusted set's power over this header's hash, by keys of that set, and the header names that set and chain;
/// then the certificate's proof must lead to the header's root.
/// </summary>
public sealed class CommitCheckTests : IDisposable
{
    private readonly VerificationBuilder _b = new();

    public void Dispose() => _b.Dispose();

    private Verdict Verify(CertificateDocument doc, TrustedValidators? trusted = null) =>
        ClaimVerifier.Trusted(new CertificateClaim(doc, 2), doc.Block!, trusted ?? _b.Trusted());

    [Fact]
    public void ACommitOfMoreThanTwoThirds_CertifiesTheHeader_AndTheProofChecksAgainstItsRoot()
    {
        var verdict = Verify(_b.WithBlock());
        Assert.True(verdict.Valid, verdict.Reason);
        Assert.Equal(VerificationBuilder.Height, verdict.Header!.Height);
        Assert.Equal(Convert.ToHexStringLower(_b.Header.StateRoot.Span), verdict.StateRoot);
    }

    [Theory]
    [InlineData(new[] { 2, 3 }, true)]        // 3 + 4 = 7 of 10: more than 2/3
    [InlineData(new[] { 0, 1, 3 }, true)]     // 1 + 2 + 4 = 7
    [InlineData(new[] { 0, 1, 2 }, false)]    // 1 + 2 + 3 = 6: not more than 2/3
    [InlineData(new[] { 3 }, false)]          // 4
    [InlineData(new int[0], false)]
    public void OnlyMoreThanTwoThirdsOfThePower_CertifiesAHeader(int[] signers, bool certified)
    {
        var doc = _b.Document with { Block = VerificationBuilder.Evidence(_b.Header, _b.Commit(_b.Header, signers)) };
        var verdict = Verify(doc);
        Assert.Equal(certified, verdict.Valid);
        if (!certified) Assert.Contains("more than 2/3 is needed", verdict.Reason);
    }

    [Fact]
    public void ASignatureByAKeyOutsideTheSet_IsRefused_EvenWithEnoughPowerBesides()
    {
        using var stranger = SigningKey.ForTesting("verify-stranger");
        var doc = _b.Document with { Block = VerificationBuilder.Evidence(_b.Header, _b.Commit(_b.Header, [1, 2, 3], [stranger])) };
        var verdict = Verify(doc);
        Assert.False(verdict.Valid);
        Assert.Contains("not in the validator set", verdict.Reason);
    }

    [Fact]
    public void ACommitOfAnotherChainId_DoesNotVerify()
    {
        var doc = _b.Document with { Block = VerificationBuilder.Evidence(_b.Header, _b.Commit(_b.Header, [1, 2, 3], chainId: "other-chain")) };
        var verdict = Verify(doc);
        Assert.False(verdict.Valid);
        Assert.Contains("does not verify", verdict.Reason);
    }

    [Fact]
    public void ATamperedHeader_IsNotTheBlockTheCommitCertifies()
    {
        var honest = _b.WithBlock();
        var forged = _b.Header.Clone();
        forged.StateRoot = ByteString.CopyFrom(Enumerable.Repeat((byte)7, 32).ToArray());
        var doc = honest with { Block = honest.Block! with { Header = Convert.ToHexStringLower(forged.ToByteArray()) } };
        var verdict = Verify(doc);
        Assert.False(verdict.Valid);
        Assert.Contains("the commit certifies block", verdict.Reason);
    }

    [Fact]
    public void AForgedSignature_IsRefused()
    {
        var commit = _b.Commit(_b.Header, [1, 2, 3]);
        var bytes = commit.Signatures[0].Signature.ToByteArray();
        bytes[5] ^= 1;
        commit.Signatures[0].Signature = ByteString.CopyFrom(bytes);
        var verdict = Verify(_b.Document with { Block = VerificationBuilder.Evidence(_b.Header, commit) });
        Assert.False(verdict.Valid);
        Assert.Contains("does not verify", verdict.Reason);
    }

    [Fact]
    public void AHeaderNamingAnotherValidatorSet_IsRefusedWithTheWayOut()
    {
        var header = _b.Header.Clone();
        header.ValidatorsHash = ByteString.CopyFrom(new byte[32]);
        var doc = _b.Document with { Block = VerificationBuilder.Evidence(header, _b.Commit(header, [0, 1, 2, 3])) };
        var verdict = Verify(doc);
        Assert.False(verdict.Valid);
        Assert.Contains("not the trusted set", verdict.Reason);
        Assert.Contains("seratio validators --height 12", verdict.Reason);
    }

    [Fact]
    public void AGenesisOfAnotherChain_IsNotTrustedForThisHeader()
    {
        var verdict = Verify(_b.WithBlock(), _b.Trusted("another-chain"));
        Assert.False(verdict.Valid);
        Assert.Contains("is of chain 'verify-test'", verdict.Reason);
    }

    [Fact]
    public void ACertifiedHeader_DoesNotMakeATamperedCertificateValid()
    {
        var doc = _b.WithBlock();
        var verdict = Verify(doc with { Certificate = doc.Certificate with { SocialValue = "999" } });
        Assert.False(verdict.Valid);
        Assert.Contains("differs from the proven value", verdict.Reason);
    }

    [Fact]
    public void AProofOfAnotherHeight_IsRefused()
    {
        var doc = _b.WithBlock();
        var verdict = Verify(doc with { Height = 11 });
        Assert.False(verdict.Valid);
        Assert.Contains("the header is of height 12", verdict.Reason);
    }

    [Fact]
    public void TheDocument_RoundTripsThroughJson_WithItsBlock_AndOlderDocumentsWithoutOneStillRead()
    {
        var doc = _b.WithBlock();
        var json = System.Text.Json.JsonSerializer.Serialize(doc);
        var read = CertificateDocument.Parse(json);
        Assert.Equal(doc.Block, read.Block);
        Assert.True(Verify(read).Valid);
        var old = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        old.Remove("block");
        Assert.Null(CertificateDocument.Parse(old.ToJsonString()).Block);
    }
}
