using Seratio.Node.Endpoints;
using Seratio.Node.Api;
using Seratio.Node.Mempool;

namespace Seratio.Node.Tests.Hosting;

public class OptionsValidatorTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new MempoolOptionsValidator().Validate(null, new MempoolOptions()).Succeeded);
        Assert.True(new ApiOptionsValidator().Validate(null, new ApiOptions()).Succeeded);
        Assert.Equal(100_000, new MempoolOptions().MaxTxs);
        Assert.Equal(256L * 1024 * 1024, new MempoolOptions().MaxBytes);
        Assert.Equal(1_024, new MempoolOptions().MaxPerAccount);
        Assert.Equal(64, new MempoolOptions().NonceWindow);
        Assert.Equal("127.0.0.1:9090", new ApiOptions().Listen);
        Assert.Equal(30_000, new ApiOptions().CommitTimeoutMs);
        Assert.Equal(64, new ApiOptions().MaxStreams);
        Assert.Equal(8, new ApiOptions().MaxStreamsPerClient);
        Assert.Equal(500, new ApiOptions().ReplayBlocksPerSecond);
        Assert.Equal(2_000, new ApiOptions().ReplayBlocksPerSecondTotal);
    }

    [Theory]
    [InlineData("127.0.0.1:9090", true)]
    [InlineData("localhost:0", true)]
    [InlineData("*:9090", true)]
    [InlineData("[::1]:9090", true)]
    [InlineData("9090", false)]
    [InlineData("127.0.0.1:70000", false)]
    [InlineData("example.org:9090", false)]
    public void ListenEndpoint_Parses(string text, bool valid) =>
        Assert.Equal(valid, ListenEndpoint.TryParse(text, out _, out _));

    [Fact]
    public void MempoolValidator_NamesEveryBadSetting()
    {
        var result = new MempoolOptionsValidator().Validate(null, new MempoolOptions { MaxTxs = 0, MaxPerAccount = 0 });
        Assert.True(result.Failed);
        Assert.Contains("Mempool:MaxTxs", result.FailureMessage);
        Assert.Contains("Mempool:MaxPerAccount", result.FailureMessage);
    }

    [Fact]
    public void ApiValidator_RefusesZeroCommitTimeout()
    {
        var result = new ApiOptionsValidator().Validate(null, new ApiOptions { CommitTimeoutMs = 0 });
        Assert.Contains("Api:CommitTimeoutMs", result.FailureMessage);
    }

    [Theory]
    [InlineData(0, 1, 500, 2_000, "Api:MaxStreams ")]
    [InlineData(8, 9, 500, 2_000, "Api:MaxStreamsPerClient")]
    [InlineData(8, 0, 500, 2_000, "Api:MaxStreamsPerClient")]
    [InlineData(8, 8, 0, 2_000, "Api:ReplayBlocksPerSecond ")]
    [InlineData(8, 8, 500, 499, "Api:ReplayBlocksPerSecondTotal")]
    public void ApiValidator_RefusesStreamLimitsThatCannotHold(int maxStreams, int perClient, int perStream, int total, string named)
    {
        var result = new ApiOptionsValidator().Validate(null, new ApiOptions
        {
            MaxStreams = maxStreams, MaxStreamsPerClient = perClient, ReplayBlocksPerSecond = perStream, ReplayBlocksPerSecondTotal = total,
        });
        Assert.True(result.Failed);
        Assert.Contains(named, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "api.key.pem", null, false)]
    [InlineData(null, null, "passphrase.txt", false)]
    [InlineData("api.pem", "api.key.pem", "passphrase.txt", true)]
    [InlineData("api.pfx", null, null, true)]
    public void ApiValidator_TlsKeyAndPassphrase_NeedACertificate(string? certificate, string? key, string? passphrase, bool valid)
    {
        var result = new ApiOptionsValidator().Validate(null, new ApiOptions { TlsCertificateFile = certificate, TlsKeyFile = key, TlsPassphraseFile = passphrase });
        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Api:TlsCertificateFile", result.FailureMessage, StringComparison.Ordinal);
    }
}
