using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Core.Tests.Transactions;

/// <summary>The decoder's structural rules for several signatures (an organisation account's transactions).</summary>
public sealed class TxDecoderSignaturesTests
{
    private const string Chain = "seratio-test";
    private static readonly SigningKey[] Keys = [.. Enumerable.Range(0, 17).Select(i => SigningKey.ForTesting($"member-{i}"))];
    private static readonly Hash32 OrgSeed = Hashing.Hash(Domains.Tx, [1, 2, 3]);

    private static TxBody Body() => new()
    {
        ChainId = Chain,
        Sender = ByteString.CopyFrom(OrgSeed.ToByteString().Span[..20]),
        Nonce = 0,
        GasLimit = 100_000,
        Msgs = { new Msg { Transfer = new MsgTransfer { To = Keys[0].Address.ToByteString(), Denom = "SER", Amount = "5" } } },
    };

    private static TxFormatError Decode(byte[] bytes, out SignedTx? tx, out string reason) =>
        TxDecoder.TryDecode(bytes, Chain, TxDecoder.MaxTxBytes, out tx, out reason);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(15)]
    [InlineData(16)]
    public void OneToSixteenSignatures_Decode_AndVerify(int count)
    {
        var signers = Keys[..count];
        var bytes = TxDecoder.Sign(Body(), signers);
        Assert.Equal(TxFormatError.None, Decode(bytes, out var tx, out var reason));
        Assert.True(reason.Length == 0, reason);
        Assert.Equal(signers.Select(k => k.PublicKey), tx!.Signers);
        Assert.False(tx.SignedBySenderKey);
        Assert.True(TxDecoder.VerifySignatures(tx));
        Assert.Equal(-1, TxDecoder.FirstBadSignature(tx));
    }

    [Fact]
    public void NoSignature_IsMissingSignature()
    {
        var envelope = new Tx { Body = Body().ToByteString() };
        Assert.Equal(TxFormatError.MissingSignature, Decode(envelope.ToByteArray(), out var tx, out var reason));
        Assert.Null(tx);
        Assert.Contains("no signature", reason);
    }

    [Fact]
    public void SeventeenSignatures_AreRefused_NamingTheLimit()
    {
        var bytes = TxDecoder.Sign(Body(), Keys);
        Assert.Equal(TxFormatError.BadSignature, Decode(bytes, out _, out var reason));
        Assert.Contains("17 signatures", reason);
        Assert.Contains("limit is 16", reason);
    }

    [Theory]
    [InlineData(0, 31, 64)]
    [InlineData(1, 33, 64)]
    [InlineData(2, 32, 63)]
    [InlineData(2, 32, 65)]
    [InlineData(1, 0, 0)]
    public void MalformedSizes_AreRefused_NamingTheSignature(int index, int keyBytes, int signatureBytes)
    {
        var envelope = Tx.Parser.ParseFrom(TxDecoder.Sign(Body(), Keys[..3]));
        envelope.Signatures[index] = new TxSignature { PublicKey = ByteString.CopyFrom(new byte[keyBytes]), Signature = ByteString.CopyFrom(new byte[signatureBytes]) };
        Assert.Equal(TxFormatError.BadSignature, Decode(envelope.ToByteArray(), out _, out var reason));
        Assert.Contains($"signature {index} ", reason);
        Assert.Contains($"got {keyBytes} and {signatureBytes} bytes", reason);
    }

    [Fact]
    public void DuplicatedSignatureEntries_Decode_TheSignerCheckCountsThemOnce()
    {
        // Structure only: a key repeated is well formed here; the Vm's signer check counts distinct keys.
        var envelope = Tx.Parser.ParseFrom(TxDecoder.Sign(Body(), Keys[..2]));
        envelope.Signatures.Add(envelope.Signatures[0].Clone());
        Assert.Equal(TxFormatError.None, Decode(envelope.ToByteArray(), out var tx, out _));
        Assert.Equal([Keys[0].PublicKey, Keys[1].PublicKey, Keys[0].PublicKey], tx!.Signers);
        Assert.True(TxDecoder.VerifySignatures(tx));
    }

    [Fact]
    public void OneBadSignatureAmongGoodOnes_FailsVerification_AndIsNamed()
    {
        var envelope = Tx.Parser.ParseFrom(TxDecoder.Sign(Body(), Keys[..3]));
        var forged = envelope.Signatures[1].Signature.ToByteArray();
        forged[0] ^= 1;
        envelope.Signatures[1].Signature = ByteString.CopyFrom(forged);
        Assert.Equal(TxFormatError.None, Decode(envelope.ToByteArray(), out var tx, out _));
        Assert.False(TxDecoder.VerifySignatures(tx!));
        Assert.Equal(1, TxDecoder.FirstBadSignature(tx!));
    }

    [Fact]
    public void TwoSignaturesOfTheSendersOwnKey_LeaveTheFastPath()
    {
        var body = Body();
        body.Sender = Keys[0].Address.ToByteString();
        var bytes = TxDecoder.Sign(body, [Keys[0], Keys[0]]);
        Assert.Equal(TxFormatError.None, Decode(bytes, out var tx, out _));
        Assert.False(tx!.SignedBySenderKey);
    }
}
