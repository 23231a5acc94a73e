using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Infrastructure;

/// <summary>Builds signed transfers for the test chain: <c>TxFactory.Transfer(from, to, amount).WithNonce(3).Sign()</c>.</summary>
public sealed record TxFactory
{
    public required SigningKey From { get; init; }
    public required Address To { get; init; }
    public Amount Amount { get; init; } = 1;
    public ulong Nonce { get; init; }
    public string ChainId { get; init; } = TestNetwork.ChainId;
    public string Denom { get; init; } = Ser.Symbol;
    public string? AmountText { get; init; }
    public string Memo { get; init; } = "";
    public ulong GasLimit { get; init; } = 100_000;
    public ulong GasPrice { get; init; }
    public ulong ExpiryHeight { get; init; }

    public static TxFactory Transfer(SigningKey from, Address to, Amount amount) => new() { From = from, To = to, Amount = amount };
    public TxFactory WithNonce(ulong nonce) => this with { Nonce = nonce };

    public TxBody Body()
    {
        var body = new TxBody
        {
            ChainId = ChainId,
            Sender = From.Address.ToByteString(),
            Nonce = Nonce,
            GasLimit = GasLimit,
            GasPrice = GasPrice,
            ExpiryHeight = ExpiryHeight,
        };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = To.ToByteString(), Denom = Denom, Amount = AmountText ?? Amount.ToString(), Memo = Memo } });
        return body;
    }

    public byte[] Sign() => TxDecoder.Sign(Body(), From);
    public ByteString SignedBytes() => ByteString.CopyFrom(Sign());
}
