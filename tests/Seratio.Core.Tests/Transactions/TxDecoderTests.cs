using Google.Protobuf;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Core.Tests.Transactions;

public sealed class TxDecoderTests
{
    private const string Chain = "seratio-test";
    private static readonly SigningKey Alice = SigningKey.ForTesting("alice");
    private static readonly SigningKey Bob = SigningKey.ForTesting("bob");

    private static TxBody Body(Action<TxBody>? change = null)
    {
        var body = new TxBody
        {
            ChainId = Chain,
            Sender = Alice.Address.ToByteString(),
            Nonce = 7,
            GasLimit = 100_000,
            GasPrice = 1,
            Msgs = { new Msg { Transfer = new MsgTransfer { To = Bob.Address.ToByteString(), Denom = "SER", Amount = "5" } } },
        };
        change?.Invoke(body);
        return body;
    }

    private static TxFormatError Decode(byte[] bytes, out SignedTx? tx, out string reason, int max = TxDecoder.MaxTxBytes) =>
        TxDecoder.TryDecode(bytes, Chain, max, out tx, out reason);

    [Fact]
    public void SignedTx_DecodesAndVerifies()
    {
        var bytes = TxDecoder.Sign(Body(), Alice);
        Assert.Equal(TxFormatError.None, Decode(bytes, out var tx, out var reason));
        Assert.True(reason.Length == 0, reason);
        Assert.NotNull(tx);
        Assert.True(TxDecoder.VerifySignatures(tx));
        Assert.Equal(Alice.Address, tx.Sender);
        Assert.Equal([Alice.PublicKey], tx.Signers);
        Assert.True(tx.SignedBySenderKey);
        Assert.Equal(7ul, tx.Nonce);
        Assert.Equal(bytes, tx.Bytes.ToArray());
        Assert.Equal(Hashing.Hash(Domains.Tx, Tx.Parser.ParseFrom(bytes).Body.Span), tx.Hash);
    }

    [Fact]
    public void OtherChain_IsRejectedAsWrongChain()
    {
        var bytes = TxDecoder.Sign(Body(b => b.ChainId = "other-chain"), Alice);
        Assert.Equal(TxFormatError.WrongChain, Decode(bytes, out _, out var reason));
        Assert.Contains("other-chain", reason);
    }

    [Fact]
    public void AnyChainDecode_LeavesTheChainIdToTheCaller_AndChecksEverythingElse()
    {
        var other = TxDecoder.Sign(Body(b => b.ChainId = "other-chain"), Alice);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecodeAnyChain(other, TxDecoder.MaxTxBytes, out var tx, out _));
        Assert.Equal("other-chain", tx!.Body.ChainId);

        var noMessages = TxDecoder.Sign(Body(b => { b.ChainId = "other-chain"; b.Msgs.Clear(); }), Alice);
        Assert.Equal(TxFormatError.NoMessages, TxDecoder.TryDecodeAnyChain(noMessages, TxDecoder.MaxTxBytes, out _, out _));
        Assert.Equal(TxFormatError.WrongChain, Decode(noMessages, out _, out _));
    }

    [Fact]
    public void TamperedBody_DecodesButFailsSignatureVerification()
    {
        var envelope = Tx.Parser.ParseFrom(TxDecoder.Sign(Body(), Alice));
        envelope.Body = Body(b => b.Nonce = 8).ToByteString();
        Assert.Equal(TxFormatError.None, Decode(envelope.ToByteArray(), out var tx, out _));
        Assert.False(TxDecoder.VerifySignatures(tx!));
    }

    [Fact]
    public void SignatureForAnotherChain_FailsVerification()
    {
        // Same body bytes, but signed as if for another chain id: the chain id is in the signed bytes.
        var body = Body().ToByteArray();
        var tx = new Tx { Body = ByteString.CopyFrom(body) };
        tx.Signatures.Add(new TxSignature { PublicKey = Alice.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(Alice.Sign(TxDecoder.SignBytes("other", body))) });
        Assert.Equal(TxFormatError.None, Decode(tx.ToByteArray(), out var decoded, out _));
        Assert.False(TxDecoder.VerifySignatures(decoded!));
    }

    [Fact]
    public void SignerWhoIsNotTheSender_Decodes_OffTheFastPath()
    {
        // Whether Bob may sign for the sender needs state (an organisation account's keys): the Vm's signer check judges it.
        var bytes = TxDecoder.Sign(Body(), Bob);
        Assert.Equal(TxFormatError.None, Decode(bytes, out var tx, out _));
        Assert.False(tx!.SignedBySenderKey);
        Assert.Equal([Bob.PublicKey], tx.Signers);
        Assert.True(TxDecoder.VerifySignatures(tx));
    }

    [Fact]
    public void Oversized_IsRejectedBeforeParsing()
    {
        var bytes = TxDecoder.Sign(Body(), Alice);
        Assert.Equal(TxFormatError.Oversized, Decode(bytes, out _, out var reason, max: bytes.Length - 1));
        Assert.Contains($"{bytes.Length} bytes", reason);
        Assert.Equal(TxFormatError.None, Decode(bytes, out _, out _, max: bytes.Length));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF })]
    [InlineData(new byte[] { 0x0A, 0x05, 0x01 })] // body field claims 5 bytes, has 1
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x0A, 0x02, 0xFF, 0xFF })] // body bytes are not a TxBody
    public void GarbageBytes_AreMalformed(byte[] bytes)
    {
        Assert.Equal(TxFormatError.Malformed, Decode(bytes, out var tx, out var reason));
        Assert.Null(tx);
        Assert.NotEmpty(reason);
    }

    [Fact]
    public void NoMessages_IsRejected()
    {
        var bytes = TxDecoder.Sign(Body(b => b.Msgs.Clear()), Alice);
        Assert.Equal(TxFormatError.NoMessages, Decode(bytes, out _, out _));
    }

    [Fact]
    public void TooManyMessages_IsRejected()
    {
        var bytes = TxDecoder.Sign(Body(b =>
        {
            for (int i = 0; i < TxDecoder.MaxMessagesPerTx; i++) b.Msgs.Add(b.Msgs[0].Clone());
        }), Alice);
        Assert.Equal(TxFormatError.BadField, Decode(bytes, out _, out var reason));
        Assert.Contains("messages", reason);
    }

    [Fact]
    public void ZeroGasLimit_IsRejected()
    {
        var bytes = TxDecoder.Sign(Body(b => b.GasLimit = 0), Alice);
        Assert.Equal(TxFormatError.BadField, Decode(bytes, out _, out var reason));
        Assert.Contains("gas_limit", reason);
    }

    [Fact]
    public void MissingSignature_IsRejected()
    {
        var bytes = new Tx { Body = Body().ToByteString() }.ToByteArray();
        Assert.Equal(TxFormatError.MissingSignature, Decode(bytes, out _, out _));
    }

    [Fact]
    public void ShortSenderAddress_IsRejectedAsBadField()
    {
        var bytes = TxDecoder.Sign(Body(b => b.Sender = ByteString.CopyFrom(new byte[19])), Alice);
        Assert.Equal(TxFormatError.BadField, Decode(bytes, out _, out _));
    }

    [Fact]
    public void SignBytes_AreTagThenChainIdLengthThenChainIdThenBody()
    {
        var bytes = TxDecoder.SignBytes("ab", [9, 8]);
        Assert.Equal([.. "seratio/tx-sign"u8.ToArray(), 2, (byte)'a', (byte)'b', 9, 8], bytes);
    }

    public static TheoryData<string> NonCanonicalEnvelopes => ["unknown field", "unknown field in signature", "signatures first", "body twice", "padded length"];

    [Theory]
    [MemberData(nameof(NonCanonicalEnvelopes))]
    public void NonCanonicalEnvelope_OfAValidTransaction_IsRejectedAsMalformed(string variant)
    {
        var tx = Tx.Parser.ParseFrom(TxDecoder.Sign(Body(), Alice));
        byte[] body = tx.Body.ToByteArray(), signature = tx.Signatures[0].ToByteArray();
        byte[] bytes = variant switch
        {
            "unknown field" => [.. Field(1, body), .. Field(2, signature), 0x18, 0x01],
            "unknown field in signature" => [.. Field(1, body), .. Field(2, [.. signature, 0x18, 0x01])],
            "signatures first" => [.. Field(2, signature), .. Field(1, body)],
            "body twice" => [.. Field(1, Body(b => b.Nonce = 8).ToByteArray()), .. Field(1, body), .. Field(2, signature)],
            "padded length" => [0x0A, (byte)(0x80 | (body.Length & 0x7F)), (byte)(body.Length >> 7 | 0x80), 0x00, .. body, .. Field(2, signature)],
            _ => throw new ArgumentOutOfRangeException(nameof(variant)),
        };
        // Each variant decodes to the very envelope that was signed: only the bytes differ.
        Assert.Equal(tx, Tx.Parser.WithDiscardUnknownFields(true).ParseFrom(bytes));
        Assert.Equal(TxFormatError.Malformed, Decode(bytes, out var decoded, out var reason));
        Assert.Null(decoded);
        Assert.Contains("not canonical", reason);
    }

    [Fact]
    public void CanonicalEnvelope_LargerThanTheStackBuffer_IsAccepted()
    {
        var bytes = TxDecoder.Sign(Body(b => b.Msgs[0].Transfer.Memo = new string('m', 2_000)), Alice);
        Assert.Equal(TxFormatError.None, Decode(bytes, out _, out var reason));
        Assert.True(reason.Length == 0, reason);
    }

    [Fact]
    public void HugeChainIdWithNewlines_IsEchoedClippedAndEscaped()
    {
        // Too long to sign (the sign bytes hold at most 255 bytes of chain id); the chain is checked first anyway.
        var body = Body(b => b.ChainId = string.Concat(Enumerable.Repeat("x\nINFO forged\r\n", 2_000)));
        var bytes = new Tx
        {
            Body = body.ToByteString(),
            Signatures = { new TxSignature { PublicKey = Alice.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(new byte[64]) } },
        }.ToByteArray();
        Assert.Equal(TxFormatError.WrongChain, Decode(bytes, out _, out var reason));
        Assert.True(reason.Length < 200, reason);
        Assert.DoesNotContain('\n', reason);
        Assert.DoesNotContain('\r', reason);
        Assert.Contains("more)", reason);
    }

    private static byte[] Field(int number, byte[] value)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(value));
        output.Flush();
        return buffer.ToArray();
    }
}
