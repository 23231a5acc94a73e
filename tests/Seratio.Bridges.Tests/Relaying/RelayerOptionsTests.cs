using Seratio.Bridges.Relaying;

namespace Seratio.Bridges.Tests.Relaying;

/// <summary>Each relayer setting out of range is refused and named; the defaults and a filled-in set pass.</summary>
public sealed class RelayerOptionsTests
{
    private static RelayerOptions Valid() => new()
    {
        Target = "etc",
        RpcUrl = "http://127.0.0.1:8545",
        Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3",
        PrivateKey = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
        EvmChainId = 63,
        Type0 = true,
        OutboxPath = "etc.json",
    };

    [Fact]
    public void AFilledInSet_IsValid() => Assert.True(new RelayerOptionsValidator().Validate(null, Valid()).Succeeded);

    [Theory]
    [InlineData("Target", "")]
    [InlineData("RpcUrl", "ftp://x")]
    [InlineData("Contract", "0x1234")]
    [InlineData("PrivateKey", "zz")]
    [InlineData("EvmChainId", "0")]
    [InlineData("Confirmations", "0")]
    [InlineData("Confirmations", "100001")]
    [InlineData("OutboxPath", " ")]
    [InlineData("PollInterval", "00:00:00.010")]
    [InlineData("GasLimit", "99999")]
    [InlineData("PriorityFeeWei", "-1")]
    [InlineData("BumpAfterBlocks", "0")]
    [InlineData("BumpAfterBlocks", "10001")]
    [InlineData("BumpAfter", "00:00:00.500")]
    [InlineData("BumpAfter", "01:00:01")]
    [InlineData("MaxFeePerGasWei", "0")]
    [InlineData("MaxFeePerGasWei", "1000000000000001")]
    [InlineData("MaxBackoff", "00:00:00.010")]
    [InlineData("MaxBackoff", "01:00:01")]
    public void ASettingOutOfRange_IsRefused_ByName(string setting, string value)
    {
        var options = Valid();
        var property = typeof(RelayerOptions).GetProperty(setting)!;
        object converted = property.PropertyType == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : Convert.ChangeType(value, property.PropertyType, System.Globalization.CultureInfo.InvariantCulture);
        property.SetValue(options, converted);
        var result = new RelayerOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains("Relayer:" + setting, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultDepths_AreDeepOnEtc()
    {
        Assert.Equal(4000, RelayerOptions.DefaultConfirmations("etc"));
        Assert.Equal(64, RelayerOptions.DefaultConfirmations("eth"));
        Assert.Equal(64, new RelayerOptions().Confirmations);
    }

    [Fact]
    public void AnotherPrefix_NamesTheSettingsAsTheNodeDoes()
    {
        var options = Valid();
        options.BumpAfterBlocks = 0;
        var result = new RelayerOptionsValidator("Relayers:Targets:2:").Validate(null, options);
        Assert.Equal(["Relayers:Targets:2:BumpAfterBlocks 0 is outside 1–10000"], result.Failures);
    }
}
