using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Vm.Tests.Support;

/// <summary>Builds decoded transactions: <c>TxBuilder.From("alice").Transfer("bob", 5).Build()</c>.</summary>
public sealed class TxBuilder
{
    public const string ChainId = "seratio-test";

    private readonly SigningKey _key;
    private readonly TxBody _body;
    private bool _realSignature = true;

    private TxBuilder(SigningKey key)
    {
        _key = key;
        _body = new TxBody
        {
            ChainId = ChainId,
            Sender = key.Address.ToByteString(),
            GasLimit = 1_000_000,
            GasPrice = 1,
        };
    }

    public static TxBuilder From(string name) => new(TestKeys.Key(name));

    public TxBuilder Nonce(ulong nonce) { _body.Nonce = nonce; return this; }
    public TxBuilder Gas(ulong limit, ulong price) { _body.GasLimit = limit; _body.GasPrice = price; return this; }
    public TxBuilder Expiry(ulong height) { _body.ExpiryHeight = height; return this; }

    /// <summary>Skips Ed25519 signing (the executor never verifies); for large test blocks.</summary>
    public TxBuilder FakeSignature() { _realSignature = false; return this; }

    public TxBuilder Transfer(string to, string amount, string denom = "SER", string memo = "") =>
        Transfer(TestKeys.Address(to), amount, denom, memo);

    public TxBuilder Transfer(Address to, string amount, string denom = "SER", string memo = "") =>
        Message(new Msg { Transfer = new MsgTransfer { To = to.ToByteString(), Amount = amount, Denom = denom, Memo = memo } });

    public TxBuilder Transfer(string to, ulong amount) => Transfer(to, amount.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public TxBuilder Message(Msg msg) { _body.Msgs.Add(msg); return this; }

    public TxBody Body => _body;

    public SignedTx Build()
    {
        byte[] bytes;
        if (_realSignature)
        {
            bytes = TxDecoder.Sign(_body, _key);
        }
        else
        {
            var tx = new Tx { Body = _body.ToByteString() };
            tx.Signatures.Add(new TxSignature { PublicKey = _key.PublicKey.ToByteString(), Signature = ByteString.CopyFrom(new byte[Ed25519.SignatureSize]) });
            bytes = tx.ToByteArray();
        }
        var error = TxDecoder.TryDecode(bytes, ChainId, 1 << 20, out var signed, out var reason);
        Assert.True(error == TxFormatError.None, $"test transaction does not decode: {error} {reason}");
        return signed!;
    }
}
