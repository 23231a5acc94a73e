using System.Collections.Concurrent;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Node.Tests.Mempool;

/// <summary>Builds signed transfer transactions for tests: <c>TestTx.From("alice").Nonce(3).Amount(10).Bytes()</c>.</summary>
internal sealed class TestTx
{
    private static readonly ConcurrentDictionary<string, SigningKey> Keys = new();

    private readonly SigningKey _key;
    private ulong _nonce, _gasPrice, _expiry, _gasLimit = 100_000;
    private string _amount = "10", _denom = "SER", _memo = "", _chainId = FakeChain.TestChainId;
    private Address _to = Key("bob").Address;
    private Address? _sender;

    private TestTx(SigningKey key) => _key = key;

    public static SigningKey Key(string name) => Keys.GetOrAdd(name, SigningKey.ForTesting);
    public static TestTx From(string name) => new(Key(name));

    public TestTx Nonce(ulong nonce) { _nonce = nonce; return this; }
    public TestTx Amount(ulong amount) { _amount = amount.ToString(System.Globalization.CultureInfo.InvariantCulture); return this; }
    public TestTx AmountText(string amount) { _amount = amount; return this; }
    public TestTx Denom(string denom) { _denom = denom; return this; }
    public TestTx Memo(string memo) { _memo = memo; return this; }
    public TestTx To(string name) { _to = Key(name).Address; return this; }
    public TestTx GasPrice(ulong price) { _gasPrice = price; return this; }
    public TestTx GasLimit(ulong limit) { _gasLimit = limit; return this; }
    public TestTx Expiry(ulong height) { _expiry = height; return this; }
    public TestTx Chain(string chainId) { _chainId = chainId; return this; }
    /// <summary>Claims another sender than the signing key's address.</summary>
    public TestTx ClaimingSender(string name) { _sender = Key(name).Address; return this; }

    public TxBody Body()
    {
        var body = new TxBody
        {
            ChainId = _chainId,
            Sender = (_sender ?? _key.Address).ToByteString(),
            Nonce = _nonce,
            GasLimit = _gasLimit,
            GasPrice = _gasPrice,
            ExpiryHeight = _expiry,
        };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = _to.ToByteString(), Denom = _denom, Amount = _amount, Memo = _memo } });
        return body;
    }

    public byte[] Bytes() => TxDecoder.Sign(Body(), _key);

    public ByteString ByteString() => Google.Protobuf.ByteString.CopyFrom(Bytes());

    public Hash32 Hash() => Hashing.Hash(Domains.Tx, Body().ToByteArray());

    /// <summary>The same transaction with one signature byte flipped.</summary>
    public byte[] WithBrokenSignature()
    {
        var tx = Tx.Parser.ParseFrom(Bytes());
        var signature = tx.Signatures[0].Signature.ToByteArray();
        signature[0] ^= 0x01;
        tx.Signatures[0].Signature = Google.Protobuf.ByteString.CopyFrom(signature);
        return tx.ToByteArray();
    }
}
