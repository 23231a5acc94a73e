using Seratio.Node.Relaying;

namespace Seratio.Node.Tests.Relaying;

/// <summary>The "Relayers" section: none by default, each bad setting named with its index, the defaults a target implies.</summary>
public sealed class RelayersOptionsTests
{
    private const string Home = "/srv/seratio";

    private static RelayerTargetOptions Valid(string target = "eth") => new()
    {
        Target = target,
        RpcUrl = "http://127.0.0.1:8545",
        Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        KeyFile = "keys/relayer.json",
    };

    private static IReadOnlyList<string> Failures(params RelayerTargetOptions[] targets)
    {
        var result = new RelayersOptionsValidator(Home).Validate(null, new RelayersOptions { Targets = [.. targets] });
        return result.Failed ? [.. result.Failures] : [];
    }

    [Fact]
    public void NoTargets_AndFilledInTargets_AreValid()
    {
        Assert.Empty(new RelayersOptions().Targets);
        Assert.Empty(Failures());
        Assert.Empty(Failures(Valid("eth"), Valid("etc")));
    }

    [Theory]
    [InlineData("KeyFile", "", "Relayers:Targets:1:KeyFile is empty")]
    [InlineData("RpcUrl", "ftp://x", "Relayers:Targets:1:RpcUrl 'ftp://x' is not an http(s) URL")]
    [InlineData("Contract", "0x12", "Relayers:Targets:1:Contract '0x12' is not an address")]
    [InlineData("EvmChainId", "-1", "Relayers:Targets:1:EvmChainId -1 is negative")]
    [InlineData("Confirmations", "-1", "Relayers:Targets:1:Confirmations -1 is negative")]
    [InlineData("Confirmations", "100001", "Relayers:Targets:1:Confirmations 100001 is outside 1–100000")]
    [InlineData("PollIntervalMs", "10", "Relayers:Targets:1:PollIntervalMs 10 is outside 50–600000")]
    [InlineData("MaxBackoffMs", "3600001", "Relayers:Targets:1:MaxBackoffMs 3600001 is outside 50–3600000")]
    [InlineData("BumpAfterMs", "999", "Relayers:Targets:1:BumpAfterMs 999 is outside 1000–3600000")]
    [InlineData("BumpAfterBlocks", "0", "Relayers:Targets:1:BumpAfterBlocks 0 is outside 1–10000")]
    [InlineData("MaxFeePerGasWei", "0", "Relayers:Targets:1:MaxFeePerGasWei 0 is outside 1–10^15 wei")]
    [InlineData("GasLimit", "1", "Relayers:Targets:1:GasLimit 1 is outside 100000–10000000")]
    public void ABadSetting_IsNamedWithItsIndex(string setting, string value, string expected)
    {
        var bad = Valid("etc");
        var property = typeof(RelayerTargetOptions).GetProperty(setting)!;
        property.SetValue(bad, property.PropertyType == typeof(string) ? value : Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        var failures = Failures(Valid("eth"), bad);
        Assert.Contains(failures, f => f.StartsWith(expected, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.StartsWith("Relayers:Targets:1:", f, StringComparison.Ordinal));
    }

    [Fact]
    public void TwoRelayersOnOneOutbox_AreRefused()
    {
        var second = Valid("eth");
        Assert.Contains(Failures(Valid("eth"), second), f => f.Contains("is also Relayers:Targets:0's", StringComparison.Ordinal));
        second.OutboxPath = "data/other.json";
        Assert.Empty(Failures(Valid("eth"), second));
    }

    [Fact]
    public void TheTarget_ImpliesTypeDepthAndOutbox_UnlessSet()
    {
        var etc = Valid("etc").ToRelayerOptions(Home, new string('1', 64), 63);
        Assert.True(etc.Type0);
        Assert.Equal(4000, etc.Confirmations);
        Assert.Equal(Path.GetFullPath("data/relayer-etc.outbox.json", Home), etc.OutboxPath);
        var eth = Valid("eth").ToRelayerOptions(Home, new string('1', 64), 1);
        Assert.False(eth.Type0);
        Assert.Equal(64, eth.Confirmations);

        var set = Valid("etc");
        set.Type0 = false;
        set.Confirmations = 3;
        set.PollIntervalMs = 250;
        set.BumpAfterMs = 5000;
        var options = set.ToRelayerOptions(Home, new string('1', 64), 63);
        Assert.False(options.Type0);
        Assert.Equal(3, options.Confirmations);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BumpAfter);
    }
}
