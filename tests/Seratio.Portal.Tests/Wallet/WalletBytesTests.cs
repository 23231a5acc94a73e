using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Seratio.Core.Addressing;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.Portal.Tests.Wallet;

/// <summary>
/// The wallet's browser modules (Static/js/wallet/), run under node, build the same bytes as the C# the CLI signs with
/// (protobuf TxBody through <see cref="TxDecoder.Sign(TxBody, SigningKey)"/>): body, sign bytes, signed Tx, hash and
/// address, for every message kind the wallet sends, for the same key seed, nonce, chain id, gas and expiry. Ed25519 is
/// deterministic (RFC 8032), so equal signed bytes mean WebCrypto's signature is the one libsodium makes.
/// </summary>
public sealed class WalletBytesTests
{
    private static readonly string Seed = Convert.ToHexStringLower(Hash32.Sha256("seratio/wallet-test"u8).ToArray());
    private static readonly string Recipient = SigningKey.ForTesting("wallet-recipient").Address.ToString();

    /// <summary>One case: what the JS driver reads (JSON) and the Msg the CLI builds for the same inputs.</summary>
    public sealed record Case(string Name, string SeedHex, string ChainId, ulong Nonce, ulong GasLimit, ulong GasPrice, ulong ExpiryHeight, JsonObject JsMsg, Msg CliMsg);

    private static Case Make(string name, JsonObject js, Msg cli, ulong nonce = 7, string chain = "seratio-devnet", ulong gasLimit = 200_000, ulong gasPrice = 0, ulong expiry = 142) =>
        new(name, Seed, chain, nonce, gasLimit, gasPrice, expiry, js, cli);

    private static ByteString To => Address.Parse(Recipient).ToByteString();

    /// <summary>The message kinds the wallet sends, with edge values: zero fields left out, UTF-8 memos, big ids, packed lot lists.</summary>
    public static IEnumerable<Case> Cases() =>
    [
        Make("send SER", new() { ["kind"] = "transfer", ["to"] = Recipient, ["denom"] = "SER", ["amount"] = "2500000", ["memo"] = "lunch" },
            new Msg { Transfer = new MsgTransfer { To = To, Denom = "SER", Amount = "2500000", Memo = "lunch" } }, gasLimit: 100_000),
        Make("send SER, no memo, never expires, first nonce", new() { ["kind"] = "transfer", ["to"] = Recipient, ["denom"] = "SER", ["amount"] = "1" },
            new Msg { Transfer = new MsgTransfer { To = To, Denom = "SER", Amount = "1" } }, nonce: 0, expiry: 0, gasLimit: 100_000),
        Make("send SER, UTF-8 memo, large nonce and price", new() { ["kind"] = "transfer", ["to"] = Recipient, ["denom"] = "SER", ["amount"] = "340282366920938463463374607431768211455", ["memo"] = "café ☕ 🌍" },
            new Msg { Transfer = new MsgTransfer { To = To, Denom = "SER", Amount = "340282366920938463463374607431768211455", Memo = "café ☕ 🌍" } },
            nonce: ulong.MaxValue, gasPrice: 1UL << 40, expiry: (1UL << 63) + 5),
        Make("send altcoin", new() { ["kind"] = "send_asset", ["symbol"] = "CITY", ["to"] = Recipient, ["amount"] = "150", ["memo"] = "reward" },
            new Msg { SendAsset = new MsgSendAsset { Symbol = "CITY", To = To, Amount = "150", Memo = "reward" } }),
        Make("send altcoin with data", new() { ["kind"] = "send_asset", ["symbol"] = "GREEN", ["to"] = Recipient, ["amount"] = "9", ["data"] = "00ff10" },
            new Msg { SendAsset = new MsgSendAsset { Symbol = "GREEN", To = To, Amount = "9", Data = ByteString.CopyFrom(0x00, 0xff, 0x10) } }),
        Make("send microshares, oldest first", new() { ["kind"] = "send_microshares", ["classId"] = "1", ["to"] = Recipient, ["units"] = "25" },
            new Msg { SendMicroshares = new MsgSendMicroshares { ClassId = 1, To = To, Units = "25" } }),
        Make("send microshares from named lots", new() { ["kind"] = "send_microshares", ["classId"] = "300", ["to"] = Recipient, ["units"] = "1000", ["lotIds"] = new JsonArray("3", "1", "18446744073709551615"), ["memo"] = "gift" },
            new Msg { SendMicroshares = new MsgSendMicroshares { ClassId = 300, To = To, Units = "1000", LotIds = { 3, 1, ulong.MaxValue }, Memo = "gift" } }),
        Make("place a buy order", new() { ["kind"] = "place_order", ["marketId"] = "2", ["side"] = 1, ["price"] = "105", ["quantity"] = "10", ["timeInForce"] = 1 },
            new Msg { PlaceOrder = new MsgPlaceOrder { MarketId = 2, Side = OrderSide.Buy, Price = "105", Quantity = "10", TimeInForce = TimeInForce.Gtc } }),
        Make("place a good-till-height sell from lots", new() { ["kind"] = "place_order", ["marketId"] = "129", ["side"] = 2, ["price"] = "7", ["quantity"] = "500", ["timeInForce"] = 2, ["expireHeight"] = "4000", ["lotIds"] = new JsonArray("1", "2") },
            new Msg { PlaceOrder = new MsgPlaceOrder { MarketId = 129, Side = OrderSide.Sell, Price = "7", Quantity = "500", TimeInForce = TimeInForce.Gth, ExpireHeight = 4000, LotIds = { 1, 2 } } }),
        Make("vote yes", new() { ["kind"] = "vote", ["proposalId"] = "1", ["option"] = 1 },
            new Msg { Vote = new MsgVote { ProposalId = 1, Option = VoteOption.Yes } }),
        Make("vote no with veto on another chain", new() { ["kind"] = "vote", ["proposalId"] = "65537", ["option"] = 4 },
            new Msg { Vote = new MsgVote { ProposalId = 65537, Option = VoteOption.Veto } }, chain: "seratio-mainnet-ü"),
    ];

    public static TheoryData<string> CaseNames() => [.. Cases().Select(c => c.Name)];

    private static readonly Lazy<Dictionary<string, JsonObject>> JsResults = new(() => RunDriver(Cases().ToList()));

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void BrowserBuilder_MakesTheCliBytes(string name)
    {
        var c = Cases().Single(x => x.Name == name);
        var js = JsResults.Value[name];
        using var key = SigningKey.FromSeed(Convert.FromHexString(c.SeedHex));
        var body = new TxBody
        {
            ChainId = c.ChainId, Sender = key.Address.ToByteString(), Nonce = c.Nonce,
            GasLimit = c.GasLimit, GasPrice = c.GasPrice, ExpiryHeight = c.ExpiryHeight,
        };
        body.Msgs.Add(c.CliMsg);
        var txBytes = TxDecoder.Sign(body, key);
        var bodyBytes = body.ToByteArray();

        Assert.Equal(key.Address.ToString(), (string)js["address"]!);
        Assert.Equal(Convert.ToHexStringLower(key.PublicKey.ToArray()), (string)js["publicKey"]!);
        Assert.Equal(Convert.ToHexStringLower(bodyBytes), (string)js["body"]!);
        Assert.Equal(Convert.ToHexStringLower(TxDecoder.SignBytes(c.ChainId, bodyBytes)), (string)js["signBytes"]!);
        Assert.Equal(Convert.ToHexStringLower(Hashing.Hash(Domains.Tx, bodyBytes).ToArray()), (string)js["hash"]!);
        Assert.Equal(Convert.ToHexStringLower(txBytes), (string)js["tx"]!);

        // And the node's own decoder takes the browser's transaction: canonical envelope, valid signature.
        var fromJs = Convert.FromHexString((string)js["tx"]!);
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(fromJs, c.ChainId, TxDecoder.MaxTxBytes, out var decoded, out var reason));
        Assert.True(TxDecoder.VerifySignatures(decoded!), reason);
        Assert.Equal(c.CliMsg, decoded!.Body.Msgs.Single());
    }

    [Fact]
    public void RandomBodies_FromASeed_AreTheCliBytes()
    {
        const int seed = 20261204;
        var random = new Random(seed);
        var cases = new List<Case>();
        for (int i = 0; i < 40; i++)
        {
            ulong U() => ((ulong)random.NextInt64() << random.Next(0, 2)) + (ulong)random.Next(0, 2);
            ulong Small() => (ulong)random.Next(0, 3) == 0 ? 0 : U() >> random.Next(0, 63);
            var amount = ((UInt128)U() * (ulong)random.Next(1, 1000) + 1).ToString();
            var memo = new string('ß', random.Next(0, 3)) + new string('x', random.Next(0, 200));
            var lots = Enumerable.Range(0, random.Next(0, 5)).Select(_ => U() | 1).ToArray();
            var seedHex = Convert.ToHexStringLower(Hash32.Sha256(BitConverter.GetBytes(i)).ToArray());
            (JsonObject js, Msg cli) = (i % 5) switch
            {
                0 => (new JsonObject { ["kind"] = "transfer", ["to"] = Recipient, ["denom"] = "SER", ["amount"] = amount, ["memo"] = memo },
                      new Msg { Transfer = new MsgTransfer { To = To, Denom = "SER", Amount = amount, Memo = memo } }),
                1 => (new JsonObject { ["kind"] = "send_asset", ["symbol"] = "A" + i, ["to"] = Recipient, ["amount"] = amount, ["memo"] = memo },
                      new Msg { SendAsset = new MsgSendAsset { Symbol = "A" + i, To = To, Amount = amount, Memo = memo } }),
                2 => (new JsonObject { ["kind"] = "send_microshares", ["classId"] = (U() | 1).ToString(), ["to"] = Recipient, ["units"] = amount, ["lotIds"] = new JsonArray([.. lots.Select(l => (JsonNode)l.ToString())]), ["memo"] = memo },
                      new Msg { SendMicroshares = new MsgSendMicroshares { To = To, Units = amount, LotIds = { lots }, Memo = memo } }),
                3 => (new JsonObject { ["kind"] = "place_order", ["marketId"] = (U() | 1).ToString(), ["side"] = random.Next(1, 3), ["price"] = amount, ["quantity"] = amount, ["timeInForce"] = random.Next(1, 6), ["expireHeight"] = Small().ToString(), ["lotIds"] = new JsonArray([.. lots.Select(l => (JsonNode)l.ToString())]) },
                      new Msg { PlaceOrder = new MsgPlaceOrder { Price = amount, Quantity = amount, LotIds = { lots } } }),
                _ => (new JsonObject { ["kind"] = "vote", ["proposalId"] = (U() | 1).ToString(), ["option"] = random.Next(1, 5) },
                      new Msg { Vote = new MsgVote() }),
            };
            // Numbers drawn for the JS side are copied into the CLI's message, so both describe one transaction.
            switch (cli.KindCase)
            {
                case Msg.KindOneofCase.SendMicroshares: cli.SendMicroshares.ClassId = ulong.Parse((string)js["classId"]!); break;
                case Msg.KindOneofCase.PlaceOrder:
                    cli.PlaceOrder.MarketId = ulong.Parse((string)js["marketId"]!);
                    cli.PlaceOrder.Side = (OrderSide)(int)js["side"]!;
                    cli.PlaceOrder.TimeInForce = (TimeInForce)(int)js["timeInForce"]!;
                    cli.PlaceOrder.ExpireHeight = ulong.Parse((string)js["expireHeight"]!);
                    break;
                case Msg.KindOneofCase.Vote:
                    cli.Vote.ProposalId = ulong.Parse((string)js["proposalId"]!);
                    cli.Vote.Option = (VoteOption)(int)js["option"]!;
                    break;
            }
            cases.Add(new Case($"random {i}", seedHex, "chain-" + random.Next(), Small(), U() | 1, Small(), Small(), js, cli));
        }
        var results = RunDriver(cases);
        foreach (var c in cases)
        {
            using var key = SigningKey.FromSeed(Convert.FromHexString(c.SeedHex));
            var body = new TxBody { ChainId = c.ChainId, Sender = key.Address.ToByteString(), Nonce = c.Nonce, GasLimit = c.GasLimit, GasPrice = c.GasPrice, ExpiryHeight = c.ExpiryHeight };
            body.Msgs.Add(c.CliMsg);
            Assert.True(Convert.ToHexStringLower(TxDecoder.Sign(body, key)) == (string)results[c.Name]["tx"]!, $"{c.Name} (seed {seed}) differs");
        }
    }

    [Fact]
    public void StoredKey_DecryptsWithItsPassphrase_AndNotWithAnother()
    {
        var c = Cases().First() with { Name = "sealed" };
        var results = RunDriver([c], passphrase: "correct horse battery");
        Assert.Equal(Seed, (string)results["sealed"]["unsealed"]!);
        Assert.StartsWith("wrong passphrase", (string)results["sealed"]["wrongPassphrase"]!, StringComparison.Ordinal);
    }

    private static Dictionary<string, JsonObject> RunDriver(IReadOnlyList<Case> cases, string? passphrase = null)
    {
        var input = new JsonArray([.. cases.Select(c => (JsonNode)new JsonObject
        {
            ["seed"] = c.SeedHex, ["chainId"] = c.ChainId, ["nonce"] = c.Nonce.ToString(), ["gasLimit"] = c.GasLimit.ToString(),
            ["gasPrice"] = c.GasPrice.ToString(), ["expiryHeight"] = c.ExpiryHeight.ToString(),
            ["msgs"] = new JsonArray(c.JsMsg.DeepClone()), ["passphrase"] = passphrase,
        })]);
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Wallet", "wallet-driver.mjs"));
        using var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        process.StandardInput.Write(input.ToJsonString());
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "the node driver did not finish in 60 s");
        Assert.True(process.ExitCode == 0, $"node wallet-driver.mjs failed ({process.ExitCode}):\n{stderr.Result}");
        var output = JsonNode.Parse(stdout.Result)!.AsArray();
        return cases.Select((c, i) => (c.Name, Result: output[i]!.AsObject())).ToDictionary(x => x.Name, x => x.Result);
    }
}
