using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Chain;
using Seratio.Core.Crypto;
using Seratio.Core.Numerics;
using Seratio.Core.State;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using Seratio.Vm.Execution;
using Seratio.Vm.Modules.Assets;
using Seratio.Vm.State;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// The worked example of docs/transactions.md, rebuilt from the code: the transfer
/// <c>seratio tx send</c> signs (dev-0 → dev-1, 10 SER, memo "hi") with nonce 3, gas price 2 and
/// expiry 1000 on chain seratio-devnet-1, executed at height 7. Every value printed in the
/// document is asserted here, and the document must contain each of them, so neither drifts.
/// </summary>
public sealed class TransactionsDocExampleTests
{
    private const string ChainId = "seratio-devnet-1";
    private const ulong Height = 7;

    // The values docs/transactions.md prints, section "Worked example".
    private const string SeedHex = "5f55e54ddf5b98d38824b666f08cb28566464e3ef7ef8faf2f68afe82c745c2b";
    private const string PublicKeyHex = "da3a58895533ac5a2d5d5d28ecd883d8c3327b66c7609fd1ec0b18b60ed71455";
    private const string AddressDigestHex = "dbd623b8cb423e6dde9a3c905a749dc0603a9a2dd51f9dffb0e604acb351feaa";
    private const string SenderAddress = "ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh";
    private const string RecipientAddress = "ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3";
    private const string BodyHex =
        "0a107365726174696f2d6465766e65742d311214dbd623b8cb423e6dde9a3c905a749dc0603a9a2d180320a08d06280230e8073a2b0a290a1479081b92a912a62dea9c824a271c9adfd8d6ba5112035345521a08313030303030303022026869";
    private const string SignBytesHex =
        "7365726174696f2f74782d7369676e107365726174696f2d6465766e65742d310a107365726174696f2d6465766e65742d311214dbd623b8cb423e6dde9a3c905a749dc0603a9a2d180320a08d06280230e8073a2b0a290a1479081b92a912a62dea9c824a271c9adfd8d6ba5112035345521a08313030303030303022026869";
    private const string SignatureHex =
        "c5336de89d86e305db4354be913ff00ec8905f87de7305b654b050a019ac42a0ac7c99ce7102488d73113bdb00fc8630cd623cb8723cb07182f24990c2b85406";
    private const string TxHex =
        "0a600a107365726174696f2d6465766e65742d311214dbd623b8cb423e6dde9a3c905a749dc0603a9a2d180320a08d06280230e8073a2b0a290a1479081b92a912a62dea9c824a271c9adfd8d6ba5112035345521a0831303030303030302202686912640a20da3a58895533ac5a2d5d5d28ecd883d8c3327b66c7609fd1ec0b18b60ed714551240c5336de89d86e305db4354be913ff00ec8905f87de7305b654b050a019ac42a0ac7c99ce7102488d73113bdb00fc8630cd623cb8723cb07182f24990c2b85406";
    private const string TxHashHex = "c23b3ba9938ac39bf12bda0b95b78e66016c34dfc14d730000f8b55935202f28";
    private const string AccountKeyHex = "9e78a1a7170aef64eb222fd091b5ddd1fead6e2f3c08f06d83621ca9492a6193";
    private const ulong GasUsed = 17_000;
    private const string Fee = "34000";

    private sealed record Example(
        string Seed, string PublicKey, string AddressDigest, string Sender, string Recipient, string Body, string SignBytes,
        string Signature, string Tx, string TxHash, string AccountKey, ulong GasUsed, string Fee, Receipt Receipt);

    private static Example Build()
    {
        using var dev0 = SigningKey.ForTesting("devnet/dev-0");
        using var dev1 = SigningKey.ForTesting("devnet/dev-1");
        var body = new TxBody
        {
            ChainId = ChainId,
            Sender = dev0.Address.ToByteString(),
            Nonce = 3,
            GasLimit = 100_000,
            GasPrice = 2,
            ExpiryHeight = 1_000,
        };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = dev1.Address.ToByteString(), Denom = "SER", Amount = "10000000", Memo = "hi" } });
        var bodyBytes = body.ToByteArray();
        var signBytes = TxDecoder.SignBytes(ChainId, bodyBytes);
        var txBytes = TxDecoder.Sign(body, dev0);
        var tx = Tx.Parser.ParseFrom(txBytes);

        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(txBytes, ChainId, TxDecoder.MaxTxBytes, out var decoded, out var reason));
        Assert.True(TxDecoder.VerifySignatures(decoded!), reason);

        var state = new Dictionary<Hash32, byte[]>
        {
            [AccountKeys.Account(dev0.Address)] = new AccountState { Nonce = 3, Balance = Ser.Whole(1_000_000).ToString() }.ToByteArray(),
        };
        using var proposer = SigningKey.ForTesting("devnet/validator-0");
        var context = new BlockContext(ChainId, Height, 1_795_651_207_000, proposer.Address, new ChainParams());
        var receipt = Assert.Single(new BlockExecutor().Execute(new Reader(state), context, [decoded!]).Receipts);

        return new Example(
            Seed: Convert.ToHexStringLower(dev0.ExportSeed()),
            PublicKey: dev0.PublicKey.ToString(),
            AddressDigest: Hashing.Hash(Domains.Address, dev0.PublicKey.ToArray()).ToString(),
            Sender: dev0.Address.ToString(),
            Recipient: dev1.Address.ToString(),
            Body: Convert.ToHexStringLower(bodyBytes),
            SignBytes: Convert.ToHexStringLower(signBytes),
            Signature: Convert.ToHexStringLower(tx.Signatures[0].Signature.Span),
            Tx: Convert.ToHexStringLower(txBytes),
            TxHash: decoded!.Hash.ToString(),
            AccountKey: AccountKeys.Account(dev0.Address).ToString(),
            GasUsed: receipt.GasUsed,
            Fee: receipt.Fee,
            Receipt: receipt);
    }

    [Fact]
    public void WorkedExample_RebuiltFromCode_MatchesTheValuesTheDocumentPrints()
    {
        var e = Build();
        var expected = new Example(SeedHex, PublicKeyHex, AddressDigestHex, SenderAddress, RecipientAddress, BodyHex, SignBytesHex,
            SignatureHex, TxHex, TxHashHex, AccountKeyHex, GasUsed, Fee, e.Receipt);
        Assert.True(expected == e, $"the worked example changed; if on purpose, update the test and docs/transactions.md:\n{e}");
    }

    [Fact]
    public void WorkedExample_Receipt_IsOkAndChargesGasUsedTimesGasPrice()
    {
        var e = Build();
        Assert.Equal(ResultCode.Ok, e.Receipt.Code);
        var p = new ChainParams();
        ulong txBytes = (ulong)(TxHex.Length / 2);
        Assert.Equal(p.GasTxBase + p.GasPerByte * txBytes + p.GasTransfer, e.GasUsed);
        Assert.Equal((e.GasUsed * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), e.Fee);
        Assert.Equal(Hash32.Parse(TxHashHex), Hashing.Hash(Domains.Tx, Convert.FromHexString(BodyHex)));
        Assert.Equal(Address.Parse(SenderAddress).ToString(), new Address(Convert.FromHexString(AddressDigestHex)[..Address.Size]).ToString());
    }

    [Fact]
    public void Document_PrintsEveryValueOfTheWorkedExample()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "transactions.md"));
        var flat = string.Concat(doc.Where(c => !char.IsWhiteSpace(c)));
        foreach (var value in new[] { SeedHex, PublicKeyHex, AddressDigestHex, SenderAddress, RecipientAddress, BodyHex, SignBytesHex, SignatureHex, TxHex, TxHashHex, AccountKeyHex, Fee })
            Assert.True(flat.Contains(value, StringComparison.Ordinal), $"docs/transactions.md does not show {value} (line breaks inside hex are fine)");
        Assert.Contains(GasUsed.ToString(System.Globalization.CultureInfo.InvariantCulture), doc);
    }

    private sealed class Reader(Dictionary<Hash32, byte[]> state) : IStateReader
    {
        public byte[]? Get(in Hash32 key) => state.TryGetValue(key, out var value) ? value : null;
    }
}
