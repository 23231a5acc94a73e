using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// The wallet's /api endpoints against the fixture's real devnet: an account's state, signed bytes relayed to the node
/// unchanged (its refusals passed on as they are), receipts; bad input and bodies past the bound get a clear status and
/// the portal keeps serving.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class WalletEndpointsTests(PortalFixture portal) : IDisposable
{
    private const int MaxTxBytes = 64 * 1024;
    private readonly HttpClient _http = new() { BaseAddress = new Uri(portal.PortalUrl), Timeout = TimeSpan.FromSeconds(30) };

    public void Dispose() => _http.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private Task<HttpResponseMessage> Submit(byte[] bytes, string contentType = "application/octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return _http.PostAsync("/api/wallet/submit", content);
    }

    private TxBody Transfer(SigningKey from, ulong nonce, string to, string amount)
    {
        var body = new TxBody { ChainId = portal.Genesis.ChainId, Sender = from.Address.ToByteString(), Nonce = nonce, GasLimit = 100_000 };
        body.Msgs.Add(new Msg { Transfer = new MsgTransfer { To = Core.Addressing.Address.Parse(to).ToByteString(), Denom = "SER", Amount = amount } });
        return body;
    }

    [Fact]
    public async Task Account_ShowsNonceBalanceAndTheHoldingsAskedFor()
    {
        var dev2 = portal.AddressOf("dev-2");
        var response = await _http.GetAsync($"/api/wallet/accounts/{dev2}?assets=NOSUCH&classes=1");
        var json = await Json(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(dev2, json.GetProperty("address").GetString());
        Assert.Equal(portal.Genesis.ChainId, json.GetProperty("chain_id").GetString());
        Assert.True(json.GetProperty("nonce").GetUInt64() >= 1, "dev-2 minted in the story, so its nonce moved");
        Assert.True(UInt128.Parse(json.GetProperty("balance").GetString()!) > 0);
        Assert.True(json.GetProperty("height").GetUInt64() > 0);
        var asset = json.GetProperty("assets")[0];
        Assert.Equal("NOSUCH", asset.GetProperty("symbol").GetString());
        Assert.False(string.IsNullOrEmpty(asset.GetProperty("error").GetString()), "an unknown altcoin says so in its row");
        var wet = json.GetProperty("microshares")[0];
        Assert.Equal(1UL, wet.GetProperty("class_id").GetUInt64());
        Assert.True(UInt128.Parse(wet.GetProperty("units").GetString()!) > 0, "dev-2 kept units of class 1 in the story");

        // The same nonce and balance as the node's own answer.
        using var channel = GrpcChannel.ForAddress(portal.NodeUrl);
        var direct = await new NodeApi.NodeApiClient(channel).GetAccountAsync(new GetAccountRequest { Address = dev2 });
        Assert.Equal(direct.Nonce, json.GetProperty("nonce").GetUInt64());
    }

    [Theory]
    [InlineData("/api/wallet/accounts/ser1notanaddress", "bech32m")]
    [InlineData("/api/wallet/accounts/bc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqwu0tn9", "prefix")]
    [InlineData("/api/wallet/accounts/ser1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqgjux0a?classes=0", "class id")]
    [InlineData("/api/wallet/accounts/ser1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqgjux0a?assets=A,B,C,D,E,F,G,H,I", "at most 8")]
    [InlineData("/api/wallet/accounts/ser1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqgjux0a?assets=%3Cscript%3E", "not an altcoin symbol")]
    [InlineData("/api/wallet/txs/abc", "64 hex digits")]
    public async Task BadInput_Is400_SayingWhy(string path, string why)
    {
        var response = await _http.GetAsync(path);
        var json = await Json(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidArgument", json.GetProperty("code").GetString());
        Assert.Contains(why, json.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Submit_RefusesWhatIsNotATransaction_AndBodiesPastTheBound_ThenServes()
    {
        var wrongType = await Submit([1, 2, 3], "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);

        var empty = await Submit([]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("empty", (await Json(empty)).GetProperty("message").GetString(), StringComparison.Ordinal);

        var garbage = await Submit([0xff, 0xff, 0xff, 0x01, 0x02]);
        var garbageJson = await Json(garbage);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("Malformed", garbageJson.GetProperty("outcome").GetString());

        // One byte past the largest transaction a node accepts: refused before anything reaches the node.
        var tooBig = await Submit(new byte[MaxTxBytes + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains($"at most {MaxTxBytes}", (await Json(tooBig)).GetProperty("message").GetString(), StringComparison.Ordinal);

        // Without a Content-Length (chunked), the read stops one byte past the bound all the same.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/wallet/submit") { Content = new StreamContent(new MemoryStream(new byte[MaxTxBytes * 3])) };
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        chunked.Headers.TransferEncodingChunked = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await _http.SendAsync(chunked)).StatusCode);

        var after = await _http.GetAsync($"/api/wallet/accounts/{portal.AddressOf("dev-1")}");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Submit_PassesTheNodesRefusalOnAsItIs()
    {
        // A fresh key has no SER: the node refuses its transfer at admission, and the portal says what the node says.
        using var empty = SigningKey.Generate();
        var bytes = TxDecoder.Sign(Transfer(empty, 0, portal.AddressOf("dev-1"), "1000"), empty);

        var response = await Submit(bytes);
        var json = await Json(response);

        using var channel = GrpcChannel.ForAddress(portal.NodeUrl);
        var direct = await Assert.ThrowsAsync<RpcException>(() =>
            new NodeApi.NodeApiClient(channel).SubmitTxAsync(new SubmitTxRequest { Tx = ByteString.CopyFrom(bytes) }).ResponseAsync);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(direct.StatusCode.ToString(), json.GetProperty("code").GetString());
        Assert.Equal("FailedPrecondition", json.GetProperty("code").GetString());
        Assert.Equal("InsufficientFunds", json.GetProperty("outcome").GetString());
        Assert.Equal(direct.Status.Detail, json.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Submit_RelaysSignedBytesUnchanged_TheReceiptIsPolled_AndASecondSubmitIsAConflict()
    {
        using var key = SigningKey.Generate();
        var fund = await portal.CliAsync("tx", "send", "--from", "dev-0", "--to", key.Address.ToString(), "--amount", "3SER", "--wait");
        Assert.True(fund.ExitCode == 0, fund.ToString());

        var bytes = TxDecoder.Sign(Transfer(key, 0, portal.AddressOf("dev-1"), "1000000"), key);
        var response = await Submit(bytes);
        var json = await Json(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToString());
        TxDecoder.TryDecodeAnyChain(bytes, MaxTxBytes, out var decoded, out _);
        var hash = json.GetProperty("tx_hash").GetString()!;
        Assert.Equal(decoded!.Hash.ToString().ToLowerInvariant(), hash.ToLowerInvariant());

        JsonElement receipt = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var poll = await _http.GetAsync($"/api/wallet/txs/{hash}?poll=true");
            if (poll.StatusCode == HttpStatusCode.OK) { receipt = await Json(poll); break; }
            Assert.Equal(HttpStatusCode.Accepted, poll.StatusCode);
            await Task.Delay(500);
        }
        Assert.Equal(JsonValueKind.Object, receipt.ValueKind);
        Assert.Equal("OK", receipt.GetProperty("code").GetString());
        Assert.True(receipt.GetProperty("height").GetUInt64() > 0);
        Assert.Contains(receipt.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "transfer");

        // The node's own copy of the transaction is the bytes the portal was given.
        using var channel = GrpcChannel.ForAddress(portal.NodeUrl);
        var stored = await new NodeApi.NodeApiClient(channel).GetTxAsync(new GetTxRequest { Hash = ByteString.CopyFrom(Convert.FromHexString(hash)) });
        Assert.Equal(bytes, stored.Tx.ToByteArray());

        var again = await Submit(bytes);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("AlreadyExists", (await Json(again)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Receipt_OfAnUnknownHash_Is404_Or202PendingWhenPolled()
    {
        var unknown = new string('a', 64);
        var plain = await _http.GetAsync($"/api/wallet/txs/{unknown}");
        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal("NotFound", (await Json(plain)).GetProperty("code").GetString());
        var polled = await _http.GetAsync($"/api/wallet/txs/{unknown}?poll=true");
        Assert.Equal(HttpStatusCode.Accepted, polled.StatusCode);
        Assert.Equal("pending", (await Json(polled)).GetProperty("status").GetString());
    }
}
