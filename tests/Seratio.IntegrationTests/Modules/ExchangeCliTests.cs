using Seratio.Core.Keys;
using Seratio.IntegrationTests.Cli;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Modules;

/// <summary>
/// The <c>seratio dex</c> commands of the real CLI against a real node: list an altcoin market, trade through it, read
/// the book, orders, trades and market, and the exit codes of a refused receipt (1), a refusal at admission (1) and
/// a usage error (2).
/// </summary>
public sealed class ExchangeCliTests(ExchangeFixture fixture) : IClassFixture<ExchangeFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("seratio-cli-dex-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string KeyFile(int account)
    {
        var path = Path.Combine(_dir, $"account-{account}.devnet-unsafe.key");
        if (!File.Exists(path))
        {
            using var key = TestNetwork.Account(account);
            UnsafeKeyFile.Write(path, key);
        }
        return path;
    }

    private static string Address(int account)
    {
        using var key = TestNetwork.Account(account);
        return key.Address.ToString();
    }

    private Task<CliResult> Run(params string[] args) =>
        new CliRunner(Path.Combine(_dir, "keystore")).RunAsync([.. args, "--node", fixture.Node.ApiUrl]);

    private static void AssertOk(CliResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    [Fact]
    public async Task DexCommands_ListTradeAndRead_AndRefusalsExitWithOneOrTwo()
    {
        var created = await Run("dex", "market-create", "--base", "SER", "--quote", "DEXC", "--tick", "2", "--lot", "1000", "--min-value", "1",
            "--maker-bps", "5", "--taker-bps", "10", "--from", KeyFile(0), "--wait", "-o", "json");
        AssertOk(created);
        string market = created.Json().GetProperty("receipt").GetProperty("events").EnumerateArray()
            .First(e => e.GetProperty("type").GetString() == "exchange.market")
            .GetProperty("attributes").EnumerateArray().First(a => a.GetProperty("key").GetString() == "market").GetProperty("value").GetString()!;

        var ask = await Run("dex", "place", "--market", market, "--side", "sell", "--price", "10", "--quantity", "3000", "--from", KeyFile(1), "--wait", "-o", "json");
        AssertOk(ask);
        string askId = ask.Json().GetProperty("order_id").GetString()!;
        AssertOk(await Run("dex", "place", "--market", market, "--side", "sell", "--price", "12", "--quantity", "1000", "--from", KeyFile(1), "--wait"));
        AssertOk(await Run("dex", "place", "--market", market, "--side", "buy", "--price", "6", "--quantity", "2000", "--tif", "post-only", "--from", KeyFile(2), "--wait"));
        var marketOrder = await Run("dex", "place", "--market", market, "--side", "buy", "--quantity", "1000", "--market-order", "--worst-price", "12", "--from", KeyFile(2), "--wait");
        AssertOk(marketOrder);
        Assert.Matches(@"(?m)^order:\s+\d+", marketOrder.StdOut);

        var book = await Run("dex", "book", market, "--depth", "5");
        AssertOk(book);
        var lines = book.StdOut.Split('\n').Select(l => StoryScript.Collapse(l)).Where(l => l.Length > 0).ToList();
        int high = lines.IndexOf("ask 12 1000 1"), low = lines.IndexOf("ask 10 2000 1"), bid = lines.IndexOf("bid 6 2000 1");
        int spread = lines.FindIndex(l => l.Contains("spread 4 (bid 6, ask 10)", StringComparison.Ordinal));
        Assert.True(high >= 0 && high < low && low < spread && spread < bid, book.StdOut);

        var trades = await Run("dex", "trades", market);
        AssertOk(trades);
        Assert.Contains($"10 1000 4 {askId} {Address(2)} {Address(1)}", StoryScript.Collapse(trades.StdOut));
        var orders = await Run("dex", "orders", "--owner", Address(1), "--market", market, "--status", "open");
        AssertOk(orders);
        Assert.Contains($"{askId} {market} sell 10 3000 1000 gtc open", StoryScript.Collapse(orders.StdOut));
        var shown = await Run("dex", "market", market);
        AssertOk(shown);
        Assert.Contains("best bid: 6", StoryScript.Collapse(shown.StdOut));
        Assert.Contains("last price: 10", StoryScript.Collapse(shown.StdOut));
        var all = await Run("dex", "markets", "-o", "json");
        AssertOk(all);
        Assert.Contains(all.Json().GetProperty("markets").EnumerateArray(), m => m.GetProperty("id").GetUInt64().ToString() == market);

        // A rule failure is a receipt: exit 1 with the code's name; cancelling another's order likewise.
        var offTick = await Run("dex", "place", "--market", market, "--side", "sell", "--price", "11", "--quantity", "1000", "--from", KeyFile(1), "--wait");
        Assert.Equal(1, offTick.ExitCode);
        Assert.Contains("OFF_TICK", offTick.StdErr);
        var notMine = await Run("dex", "cancel", askId, "--from", KeyFile(2), "--wait");
        Assert.Equal(1, notMine.ExitCode);
        Assert.Contains("NOT_ORDER_OWNER", notMine.StdErr);
        AssertOk(await Run("dex", "cancel", askId, "--from", KeyFile(1), "--wait"));
        // A usage error never reaches the node.
        var usage = await Run("dex", "place", "--market", market, "--side", "sideways", "--price", "10", "--quantity", "1000", "--from", KeyFile(1));
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("--side 'sideways'", usage.StdErr);
    }
}
