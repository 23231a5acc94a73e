using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Seratio.Bridges.Anvil;
using Seratio.Bridges.Contracts;
using Seratio.Bridges.Relaying;
using Seratio.IntegrationTests.Cli;

namespace Seratio.IntegrationTests.Bridges;

/// <summary>
/// Issue 10, fee bumping: on a real anvil that mines only when told (<c>evm_setAutomine false</c>), a relayer transaction
/// left unmined past <see cref="RelayerOptions.BumpAfter"/> (the relayer's clock, which the test moves) or
/// <see cref="RelayerOptions.BumpAfterBlocks"/> (blocks whose base fee the test raised above the offer) is replaced with
/// the same nonce and every price at least 12.5 % higher; anvil takes the replacement, mines it, and the checkpoint is
/// anchored once: one transaction of the account, the outbox holding both hashes.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class FeeBumpTests(RelayerFixture fixture) : IClassFixture<RelayerFixture>
{
    [Fact]
    public async Task ATransactionUnminedPastBumpAfter_IsReplacedWithTheSameNonce_AndAHigherFee_AndAnchorsOnce()
    {
        await using var anvil = await AnvilNode.StartAsync(AnvilChain.Ethereum, fixture.AnvilPath);
        var contract = await fixture.DeployAsync(anvil);
        await fixture.RpcAsync(anvil, "evm_setAutomine", false);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Options(anvil, contract, "bump-time.json");
        options.BumpAfterBlocks = 1000;
        options.BumpAfter = TimeSpan.FromSeconds(30);
        var relayer = new AnchorRelayer(options, fixture.Source, fixture.Artifacts, time: time);

        await relayer.StepAsync(CancellationToken.None);
        var first = Assert.Single(relayer.Entries);
        Assert.Equal(OutboxState.Submitted, first.State);
        var firstHash = first.TxHash;
        var firstFees = first.Fees;
        Assert.True(firstFees.MaxFee > 0 && firstFees.Tip > 0, firstFees.ToString());

        time.Advance(TimeSpan.FromSeconds(29));
        await relayer.StepAsync(CancellationToken.None);
        Assert.Equal(firstHash, Assert.Single(relayer.Entries).TxHash); // not yet: 29 s < 30 s

        time.Advance(TimeSpan.FromSeconds(2));
        await relayer.StepAsync(CancellationToken.None);
        var bumped = Assert.Single(relayer.Entries);
        Assert.Equal(OutboxState.Submitted, bumped.State);
        Assert.NotEqual(firstHash, bumped.TxHash);
        Assert.Equal([firstHash], bumped.ReplacedTxHashes);
        Assert.Equal(1, bumped.FeeBumps);
        Assert.Equal(1, bumped.Attempts);
        Assert.Equal(first.Nonce, bumped.Nonce);
        AssertRaisedByAnEighth(firstFees, bumped.Fees);
        var pending = await fixture.RpcAsync(anvil, "eth_getTransactionByHash", bumped.TxHash);
        Assert.Equal(JsonValueKind.Object, pending.ValueKind);
        Assert.Equal("0x" + bumped.MaxFeeWei.ToHex(), pending.GetProperty("maxFeePerGas").GetString());

        await fixture.RpcAsync(anvil, "evm_mine");
        await relayer.StepAsync(CancellationToken.None);
        await AssertAnchoredOnceAsync(anvil, contract, relayer, bumped.TxHash);
        // The outbox file keeps both hashes across a restart.
        var reopened = new AnchorRelayer(options, fixture.Source, fixture.Artifacts, time: time);
        Assert.Equal([firstHash], Assert.Single(reopened.Entries, e => e.TxHash == bumped.TxHash).ReplacedTxHashes);
    }

    [Fact]
    public async Task ATransactionPricedOutForBumpAfterBlocks_IsReplacedAtTodaysFee_AndAnchorsOnce()
    {
        await using var anvil = await AnvilNode.StartAsync(AnvilChain.Ethereum, fixture.AnvilPath);
        var contract = await fixture.DeployAsync(anvil);
        await fixture.RpcAsync(anvil, "evm_setAutomine", false);
        var options = Options(anvil, contract, "bump-blocks.json");
        options.BumpAfterBlocks = 1;
        options.BumpAfter = TimeSpan.FromHours(1);
        var relayer = new AnchorRelayer(options, fixture.Source, fixture.Artifacts, time: new FakeTimeProvider(DateTimeOffset.UtcNow));

        await relayer.StepAsync(CancellationToken.None);
        var first = Assert.Single(relayer.Entries);
        var firstHash = first.TxHash;
        var firstFees = first.Fees;
        await relayer.StepAsync(CancellationToken.None);
        Assert.Equal(firstHash, Assert.Single(relayer.Entries).TxHash); // no block yet: not replaced

        // A block whose base fee is far above the offer: the transaction is not mined (anvil even evicts it from its
        // pool, where geth would keep it waiting; the relayer replaces it either way).
        var baseFee = firstFees.MaxFee * 10;
        await fixture.RpcAsync(anvil, "anvil_setNextBlockBaseFeePerGas", "0x" + baseFee.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));
        await fixture.RpcAsync(anvil, "evm_mine");
        Assert.Equal(JsonValueKind.Null, (await fixture.RpcAsync(anvil, "eth_getTransactionReceipt", firstHash)).ValueKind);

        await relayer.StepAsync(CancellationToken.None);
        var bumped = Assert.Single(relayer.Entries);
        Assert.True(bumped.FeeBumps == 1, JsonSerializer.Serialize(bumped));
        Assert.Equal(1, bumped.Attempts);
        Assert.Equal(first.Nonce, bumped.Nonce);
        Assert.Equal([firstHash], bumped.ReplacedTxHashes);
        AssertRaisedByAnEighth(firstFees, bumped.Fees);
        // Today's offer (twice the latest base fee plus the tip) is far above 9/8 of the old one: it is taken.
        Assert.True(bumped.Fees.MaxFee > baseFee, $"max fee {bumped.Fees.MaxFee} is not above the raised base fee {baseFee}");

        await fixture.RpcAsync(anvil, "evm_mine");
        await relayer.StepAsync(CancellationToken.None);
        await AssertAnchoredOnceAsync(anvil, contract, relayer, bumped.TxHash);
    }

    [Fact]
    public async Task ALegacyTransactionOnEtc_UnminedPastBumpAfter_IsReplacedWithAHigherGasPrice_AndStaysType0()
    {
        await using var anvil = await AnvilNode.StartAsync(AnvilChain.EthereumClassic, fixture.AnvilPath);
        var contract = await fixture.DeployAsync(anvil);
        await fixture.RpcAsync(anvil, "evm_setAutomine", false);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = fixture.Options("etc", 3, "bump-etc.json", confirmations: 1);
        options.RpcUrl = anvil.RpcUrl;
        options.Contract = contract.Address;
        options.BumpAfterBlocks = 1000;
        options.BumpAfter = TimeSpan.FromSeconds(10);
        var relayer = new AnchorRelayer(options, fixture.Source, fixture.Artifacts, time: time);

        await relayer.StepAsync(CancellationToken.None);
        var first = Assert.Single(relayer.Entries);
        var firstHash = first.TxHash;
        var firstPrice = first.Fees.GasPrice;
        Assert.True(first.Fees.IsLegacy, first.Fees.ToString());

        time.Advance(TimeSpan.FromSeconds(11));
        await relayer.StepAsync(CancellationToken.None);
        var bumped = Assert.Single(relayer.Entries);
        Assert.Equal(1, bumped.FeeBumps);
        Assert.Equal([firstHash], bumped.ReplacedTxHashes);
        Assert.True(bumped.Fees.GasPrice * 8 >= firstPrice * 9 && bumped.Fees.GasPrice > firstPrice, $"gas price {firstPrice} → {bumped.Fees.GasPrice}");
        var pending = await fixture.RpcAsync(anvil, "eth_getTransactionByHash", bumped.TxHash);
        Assert.Equal("0x0", pending.GetProperty("type").GetString());
        Assert.Equal("0x" + bumped.GasPriceWei.ToHex(), pending.GetProperty("gasPrice").GetString());

        await fixture.RpcAsync(anvil, "evm_mine");
        await relayer.StepAsync(CancellationToken.None);
        await AssertAnchoredOnceAsync(anvil, contract, relayer, bumped.TxHash);
    }

    private RelayerOptions Options(AnvilNode anvil, AnchorContract contract, string outbox)
    {
        var options = fixture.Options("eth", 3, outbox, confirmations: 1);
        options.RpcUrl = anvil.RpcUrl;
        options.Contract = contract.Address;
        return options;
    }

    private static void AssertRaisedByAnEighth(TxFees before, TxFees after)
    {
        Assert.True(after.MaxFee * 8 >= before.MaxFee * 9, $"max fee {before.MaxFee} → {after.MaxFee}: less than +12.5 %");
        Assert.True(after.Tip * 8 >= before.Tip * 9, $"tip {before.Tip} → {after.Tip}: less than +12.5 %");
    }

    private async Task AssertAnchoredOnceAsync(AnvilNode anvil, AnchorContract contract, AnchorRelayer relayer, string replacement)
    {
        // The step that saw the replacement mined may already have sent the next checkpoint, which the fixture's chain (a
        // block every 200 ms) made ready meanwhile; with automine off it stays pending and changes nothing below.
        var entry = Assert.Single(relayer.Entries, e => e.TxHash == replacement);
        Assert.All(relayer.Entries.Where(e => e != entry), e => Assert.Equal(OutboxState.Submitted, e.State));
        Assert.True(entry.State is OutboxState.Included or OutboxState.Confirmed, entry.State.ToString());
        Assert.Equal(replacement, entry.TxHash);
        var receipt = await fixture.RpcAsync(anvil, "eth_getTransactionReceipt", replacement);
        Assert.Equal("0x1", receipt.GetProperty("status").GetString());
        Assert.Equal(entry.Height, await contract.LastHeightAsync());
        // One transaction of the relayer's account was mined, and one CheckpointAnchored event emitted.
        var nonce = await fixture.RpcAsync(anvil, "eth_getTransactionCount", relayer.Account, "latest");
        Assert.Equal("0x1", nonce.GetString());
        var logs = await fixture.RpcAsync(anvil, "eth_getLogs", new { address = contract.Address, fromBlock = "0x0", toBlock = "latest" });
        // The constructor's AnchorSetChanged, and one CheckpointAnchored.
        Assert.Equal(2, logs.GetArrayLength());
    }
}

/// <summary>Wei amounts as JSON-RPC prints them. Stateless.</summary>
internal static class WeiText
{
    /// <summary>A decimal wei string as lowercase hex without leading zeros, as JSON-RPC prints quantities.</summary>
    public static string ToHex(this string wei)
    {
        var hex = BigInteger.Parse(wei, CultureInfo.InvariantCulture).ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        return hex.Length == 0 ? "0" : hex;
    }
}
