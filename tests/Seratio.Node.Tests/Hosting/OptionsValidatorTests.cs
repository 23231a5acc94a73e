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
}
