using System.Text.Json;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// Issue 10: a real <c>seratio devnet</c> (four validator processes over real gRPC and RocksDB) reaches a ready checkpoint
/// at height 10 without anyone doing anything: each validator's node signs it with the anchor key devnet wrote, for both
/// targets of the devnet genesis, as a native transaction. A devnet of its own (class fixture).
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class DevnetCheckpointTests(DevnetFixture fixture) : IClassFixture<DevnetFixture>
{
    [Fact]
    public async Task Devnet_SignsCheckpoint10_ByEveryValidatorForEveryTarget_AndItCommitsToBlock10()
    {
        JsonElement checkpoint = default;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        CliResult last;
        while (true)
        {
            // The latest ready checkpoint; all four signatures on both targets are what every validator's signer sends.
            last = await fixture.Cli.RunAsync("query", "checkpoint", "10", "--node", fixture.Url, "--output", "json");
            if (last.ExitCode == 0)
            {
                checkpoint = last.Json().GetProperty("checkpoint");
                if (checkpoint.GetProperty("targets").EnumerateArray().All(t => t.GetProperty("signatures").GetArrayLength() == 4)) break;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"checkpoint 10 not signed by all four validators within 90 s:\n{last}\n{fixture.Devnet.Output}");
            await Task.Delay(500);
        }

        var targets = checkpoint.GetProperty("targets").EnumerateArray().ToList();
        Assert.Equal(["etc", "eth"], targets.Select(t => t.GetProperty("name").GetString()));
        Assert.All(targets, t =>
        {
            Assert.True(t.GetProperty("ready").GetBoolean());
            Assert.Equal(40UL, t.GetProperty("signed_power").GetUInt64());
            var signers = t.GetProperty("signatures").EnumerateArray().Select(s => s.GetProperty("signer").GetString()!).ToList();
            Assert.Equal(signers.Order(StringComparer.Ordinal), signers);
            Assert.Equal(4, signers.Distinct().Count());
        });
        Assert.Equal(4, checkpoint.GetProperty("anchor_set").GetArrayLength());
        Assert.Equal(11UL, checkpoint.GetProperty("created_height").GetUInt64());

        // The checkpoint commits to block 10 as the chain decided it.
        var block = await fixture.Cli.RunAsync("query", "block", "10", "--node", fixture.Url, "--output", "json");
        Assert.True(block.ExitCode == 0, block.ToString());
        var b = block.Json();
        Assert.Equal("0x" + b.GetProperty("block_hash").GetString(), checkpoint.GetProperty("block_hash").GetString());
        Assert.Equal("0x" + b.GetProperty("state_root").GetString(), checkpoint.GetProperty("state_root").GetString());

        // "latest" names a ready checkpoint, in text as well.
        var latest = await fixture.Cli.RunAsync("query", "checkpoint", "latest", "--node", fixture.Url);
        Assert.True(latest.ExitCode == 0, latest.ToString());
        Assert.Matches(@"(?m)^target eth:.*ready at block", latest.StdOut);
        var list = await fixture.Cli.RunAsync("query", "checkpoints", "--node", fixture.Url, "--output", "json");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.True(list.Json().GetProperty("total").GetUInt64() >= 1);
    }
}
