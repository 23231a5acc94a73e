using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Net.Client;
using Microsoft.Playwright;
using Seratio.Core.Crypto;
using Seratio.Core.Transactions;
using Seratio.Protocol;
using static Microsoft.Playwright.Assertions;

namespace Seratio.IntegrationTests.Portal;

/// <summary>
/// The browser wallet in Debian's chromium against the fixture's devnet: a key made in the page (WebCrypto Ed25519,
/// stored encrypted) receives SER from dev-0 through the CLI, sends some on to dev-1 after showing what it signs, the
/// balances change on the page and on the chain, and the node's refusal of an overdraft is shown as the node words it.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class WalletBrowserTests(PortalFixture portal)
{
    private const string Passphrase = "wetland shares 2026";

    private async Task<ulong> BalanceOf(string address)
    {
        using var channel = GrpcChannel.ForAddress(portal.NodeUrl);
        var account = await new NodeApi.NodeApiClient(channel).GetAccountAsync(new GetAccountRequest { Address = address });
        return ulong.Parse(account.Balance, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task KeyMadeInTheBrowser_ReceivesSer_SendsToDev1_AndShowsTheNodesRefusal()
    {
        var page = await portal.NewPageAsync();
        Assert.Equal(200, (await page.GotoAsync("/wallet"))!.Status);
        await Expect(page.Locator("#key-setup")).ToBeVisibleAsync();
        await portal.AssertAccessibleAsync(page);

        // A key made with WebCrypto, kept encrypted: the stored record holds ciphertext, no seed.
        await page.FillAsync("#create-pass", Passphrase);
        await page.FillAsync("#create-pass2", Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Expect(page.Locator("#wallet-address")).ToHaveTextAsync(new Regex("^ser1[02-9ac-hj-np-z]{38}$"));
        var address = (await page.Locator("#wallet-address").TextContentAsync())!;
        using (var record = JsonDocument.Parse(await page.EvaluateAsync<string>("localStorage.getItem('seratio.wallet.key.v1')")))
        {
            var r = record.RootElement;
            Assert.Equal("PBKDF2-SHA256", r.GetProperty("kdf").GetString());
            Assert.True(r.GetProperty("iterations").GetInt32() >= 600_000);
            Assert.Equal("AES-256-GCM", r.GetProperty("cipher").GetString());
            Assert.Equal(address, r.GetProperty("address").GetString());
            Assert.Equal(48 * 2, r.GetProperty("ciphertext").GetString()!.Length); // 32-byte seed + 16-byte tag
        }
        await Expect(page.Locator("#wallet-balance")).ToHaveTextAsync(new Regex("^0 SER"));

        var fund = await portal.CliAsync("tx", "send", "--from", "dev-0", "--to", address, "--amount", "5SER", "--wait");
        Assert.True(fund.ExitCode == 0, fund.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(page.Locator("#wallet-balance")).ToHaveTextAsync(new Regex("^5 SER"));

        // Send 1.5 SER to dev-1: first the review of exactly what will be signed.
        var dev1 = portal.AddressOf("dev-1");
        var dev1Before = await BalanceOf(dev1);
        await page.FillAsync("#ser-to", dev1);
        await page.FillAsync("#ser-amount", "1.5SER");
        await page.FillAsync("#ser-memo", "from the browser");
        await page.Locator("#send-ser").GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Expect(page.Locator("#review")).ToBeVisibleAsync();
        var fields = page.Locator("#review-fields");
        await Expect(fields).ToContainTextAsync(portal.Genesis.ChainId);
        await Expect(fields).ToContainTextAsync("MsgTransfer");
        await Expect(fields).ToContainTextAsync(dev1);
        await Expect(fields).ToContainTextAsync("1500000");
        await Expect(fields).ToContainTextAsync("from the browser");
        var signBytes = (await page.Locator("#review-signbytes").TextContentAsync())!;
        Assert.StartsWith(Convert.ToHexStringLower(Encoding.ASCII.GetBytes("seratio/tx-sign")), signBytes, StringComparison.Ordinal);
        await portal.ScreenshotAsync(page, "wallet-review");
        await portal.AssertAccessibleAsync(page);

        await page.FillAsync("#sign-pass", Passphrase + "?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and send" }).ClickAsync();
        await Expect(page.Locator("#wallet-alert")).ToContainTextAsync("wrong passphrase");

        await page.FillAsync("#sign-pass", Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and send" }).ClickAsync();
        await Expect(page.Locator("#result-status")).ToContainTextAsync(": OK", new() { Timeout = 60_000 });
        await Expect(page.Locator("#wallet-balance")).ToHaveTextAsync(new Regex("^3\\.5 SER"));
        Assert.Equal(3_500_000UL, await BalanceOf(address));
        Assert.Equal(dev1Before + 1_500_000UL, await BalanceOf(dev1));

        // The committed transaction is the one the page reviewed, signed by the browser's key with a valid signature.
        var sent = await CommittedAsync(page, address);
        Assert.Equal(signBytes, Convert.ToHexStringLower(TxDecoder.SignBytes(portal.Genesis.ChainId, sent.Tx.Body.Span)));
        await portal.ScreenshotAsync(page, "wallet");
        await portal.AssertAccessibleAsync(page);

        // More than the balance: the node refuses at admission, and the page shows its code, outcome and words.
        await page.FillAsync("#ser-amount", "100SER");
        await page.Locator("#send-ser").GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Expect(page.Locator("#review-fields")).ToContainTextAsync("100000000");
        await page.FillAsync("#sign-pass", Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and send" }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync(
            "FailedPrecondition (InsufficientFunds): balance 3500000 cannot cover this transaction's maximal spend 100000000 plus 0 of pending transactions (SER base units)");
        await portal.AssertAccessibleAsync(page);
        Assert.Equal(3_500_000UL, await BalanceOf(address));

        // The one error the browser logs is its note of the refused request (400); the page's scripts raised none.
        Assert.All(portal.ConsoleErrors(page), e => Assert.Contains("status of 400", e, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportedSeed_GivesTheChainsAddress_AndTheVoteAndOrderReviewsShowTheCliSignBytes_ByKeyboard()
    {
        var seed = Hash32.Sha256("seratio/wallet-browser-import"u8).ToArray();
        using var key = SigningKey.FromSeed(seed);
        var page = await portal.WalletWithAsync(key, Passphrase);

        // A vote, filled and sent for review with the keyboard alone.
        await page.FocusAsync("#vote-proposal");
        await page.Keyboard.TypeAsync("42");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("End"); // the select's last option: no with veto
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#review-fields")).ToContainTextAsync("VOTE_OPTION_VETO");
        await AssertReviewIsTheCliSignBytes(page, key, new Msg { Vote = new MsgVote { ProposalId = 42, Option = VoteOption.Veto } }, gasLimit: 200_000);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.Locator("#review")).ToBeHiddenAsync();
        await Expect(page.Locator("#wallet-status")).ToHaveTextAsync("Nothing was signed.");

        // A good-till-height sell of microshares from named lots, with a gas limit and price of the visitor's.
        await page.FillAsync("#gas-limit", "250000");
        await page.FillAsync("#gas-price", "2");
        await FillOrderAsync(page, market: "3", side: "2", price: "40", quantity: "600", timeInForce: "2");
        await page.FillAsync("#order-expire", "9000");
        await page.FillAsync("#order-lots", "2, 1");
        await page.Locator("#place-order").GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Expect(page.Locator("#review-fields")).ToContainTextAsync("TIME_IN_FORCE_GTH");
        await AssertReviewIsTheCliSignBytes(page, key, new Msg
        {
            PlaceOrder = new MsgPlaceOrder { MarketId = 3, Side = OrderSide.Sell, Price = "40", Quantity = "600", TimeInForce = TimeInForce.Gth, ExpireHeight = 9000, LotIds = { 2, 1 } },
        }, gasLimit: 250_000, gasPrice: 2);
        await portal.AssertAccessibleAsync(page);

        // A bad recipient is refused in the page before anything is built.
        await page.FillAsync("#ms-class", "1");
        await page.FillAsync("#ms-to", "ser1notanaddress");
        await page.FillAsync("#ms-units", "5");
        await page.Locator("#send-microshares").GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Cannot build the transaction");

        // The seed shown for a backup is the one imported.
        await page.FillAsync("#backup-pass", Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the seed" }).ClickAsync();
        await Expect(page.Locator("#backup-seed")).ToHaveTextAsync(Convert.ToHexStringLower(seed));
        await portal.AssertAccessibleAsync(page);
        Assert.Empty(portal.ConsoleErrors(page));
    }

    [Fact]
    public async Task ImportedKey_PlacesABuyOrderFromThePage_ThatRestsOnTheMarketsBook()
    {
        var (market, symbol) = await portal.NewMarketAsync(portal.AddressOf("dev-2"));
        using var key = SigningKey.FromSeed(Hash32.Sha256("seratio/wallet-browser-order"u8).ToArray());
        await portal.CliOkAsync("tx", "send", "--from", "dev-0", "--to", key.Address.ToString(), "--amount", "1SER", "--wait");

        var page = await portal.WalletWithAsync(key, Passphrase);
        await Expect(page.Locator("#wallet-balance")).ToHaveTextAsync(new Regex("^1 SER"));

        // A good-till-cancelled bid of 20 at 3 SER base units: nothing sells, so it rests.
        await FillOrderAsync(page, market, side: "1", price: "3", quantity: "20", timeInForce: "1");
        await page.Locator("#place-order").GetByRole(AriaRole.Button, new() { Name = "Review" }).ClickAsync();
        await Expect(page.Locator("#review-fields")).ToContainTextAsync("TIME_IN_FORCE_GTC");
        await page.FillAsync("#sign-pass", Passphrase);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign and send" }).ClickAsync();
        await Expect(page.Locator("#result-status")).ToContainTextAsync(": OK", new() { Timeout = 60_000 });

        // The committed transaction is the browser key's order, and the market's page shows it on the book.
        var placed = TxBody.Parser.ParseFrom((await CommittedAsync(page, key.Address.ToString())).Tx.Body).Msgs.Single().PlaceOrder;
        Assert.Equal((ulong.Parse(market, System.Globalization.CultureInfo.InvariantCulture), OrderSide.Buy, "3", "20"), (placed.MarketId, placed.Side, placed.Price, placed.Quantity));
        Assert.Empty(portal.ConsoleErrors(page));
        await page.GotoAsync($"/exchange/markets/{market}");
        await Expect(page.Locator("h1")).ToContainTextAsync($"{symbol} / SER");
        await Expect(page.Locator("#bids tbody tr td")).ToHaveTextAsync(["3", "20", "1", "20"]); // price, quantity, orders, cumulative
    }

    /// <summary>The transaction the page reports committed (#result-hash), read from the node: well formed, its signature valid, signed by <paramref name="signer"/> alone.</summary>
    private async Task<SignedTx> CommittedAsync(IPage page, string signer)
    {
        var hash = (await page.Locator("#result-hash").TextContentAsync())!;
        using var channel = GrpcChannel.ForAddress(portal.NodeUrl);
        var stored = await new NodeApi.NodeApiClient(channel).GetTxAsync(new GetTxRequest { Hash = ByteString.CopyFrom(Convert.FromHexString(hash)) });
        Assert.Equal(TxFormatError.None, TxDecoder.TryDecode(stored.Tx.Memory, portal.Genesis.ChainId, TxDecoder.MaxTxBytes, out var tx, out var reason));
        Assert.True(TxDecoder.VerifySignatures(tx!), reason);
        Assert.Equal(signer, tx!.Signers.Single().ToAddress().ToString());
        return tx;
    }

    /// <summary>The review's sign bytes equal the CLI's for the body its table shows (nonce and expiry as the page read them).</summary>
    private async Task AssertReviewIsTheCliSignBytes(IPage page, SigningKey key, Msg msg, ulong gasLimit, ulong gasPrice = 0)
    {
        var rows = await page.EvaluateAsync<Dictionary<string, string>>(
            "Object.fromEntries([...document.querySelectorAll('#review-fields tbody tr')].map(r => [r.cells[0].textContent, r.cells[1].textContent]))");
        var body = new TxBody
        {
            ChainId = portal.Genesis.ChainId, Sender = key.Address.ToByteString(), Nonce = ulong.Parse(rows["nonce"], System.Globalization.CultureInfo.InvariantCulture),
            GasLimit = gasLimit, GasPrice = gasPrice, ExpiryHeight = ulong.Parse(rows["expiry_height"], System.Globalization.CultureInfo.InvariantCulture),
        };
        body.Msgs.Add(msg);
        Assert.True(body.ExpiryHeight > 100, "the expiry is 100 blocks after the height the page read");
        var bodyBytes = body.ToByteArray();
        Assert.Equal(Convert.ToHexStringLower(TxDecoder.SignBytes(body.ChainId, bodyBytes)), await page.Locator("#review-signbytes").TextContentAsync());
        Assert.Equal(Convert.ToHexStringLower(Hashing.Hash(Domains.Tx, bodyBytes).ToArray()), await page.Locator("#review-hash").TextContentAsync());
    }

    /// <summary>The order form's market, side and time in force (the select's values: 1 buy, 2 sell; 1 GTC, 2 GTH), price and quantity.</summary>
    private static async Task FillOrderAsync(IPage page, string market, string side, string price, string quantity, string timeInForce)
    {
        await page.FillAsync("#order-market", market);
        await page.SelectOptionAsync("#order-side", side);
        await page.FillAsync("#order-price", price);
        await page.FillAsync("#order-quantity", quantity);
        await page.SelectOptionAsync("#order-tif", timeInForce);
    }
}
