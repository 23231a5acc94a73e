using Seratio.Node.P2P;
using Seratio.Node.P2P.Transport;

namespace Seratio.Node.Tests.P2P;

public sealed class BackoffAndOptionsTests
{
    [Fact]
    public void Backoff_DoublesUpToTheMaximum_AndResets()
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));
        var delays = Enumerable.Range(0, 5).Select(_ => (int)backoff.Next().TotalMilliseconds).ToArray();
        Assert.Equal([200, 400, 800, 1000, 1000], delays);
        backoff.Reset();
        Assert.Equal(TimeSpan.FromMilliseconds(200), backoff.Next());
    }

    [Theory]
    [InlineData("10.0.0.2:26656", "10.0.0.2", 26656, false)]
    [InlineData("node-b.example.org:1", "node-b.example.org", 1, false)]
    [InlineData("[::1]:26656", "::1", 26656, false)]
    [InlineData("KEY@127.0.0.1:26656", "127.0.0.1", 26656, true)]
    public void PeerAddress_Parses(string text, string host, int port, bool withKey)
    {
        text = text.Replace("KEY", TestPeers.Hex("a"), StringComparison.Ordinal);
        Assert.True(PeerAddress.TryParse(text, out var address, out var error), error);
        Assert.Equal(host, address!.Host);
        Assert.Equal(port, address.Port);
        Assert.Equal(withKey ? TestPeers.Id("a") : null, address.ExpectedKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.2")]
    [InlineData("10.0.0.2:0")]
    [InlineData("10.0.0.2:70000")]
    [InlineData("abcd@10.0.0.2:26656")]
    public void PeerAddress_RefusesMalformed(string text) => Assert.False(PeerAddress.TryParse(text, out _, out _));

    [Fact]
    public void Defaults_AreValid()
    {
        var options = new P2POptions();
        Assert.True(new P2POptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("127.0.0.1:26656", options.Listen);
        Assert.Equal(200, options.ReconnectInitialMs);
        Assert.Equal(10_000, options.ReconnectMaxMs);
        Assert.Equal(P2POptions.TransportTls, options.Transport);
        Assert.True(options.UsesTls);
    }

    [Theory]
    [InlineData("P2P:Listen")]
    [InlineData("P2P:Peers:0")]
    [InlineData("P2P:AllowedPeers:0")]
    [InlineData("P2P:MaxQueuePerPeer")]
    [InlineData("P2P:MaxQueueBytesPerPeer")]
    [InlineData("P2P:ReconnectMaxMs")]
    [InlineData("P2P:Transport")]
    public void Validator_NamesTheBadSetting(string setting)
    {
        var options = new P2POptions();
        switch (setting)
        {
            case "P2P:Listen": options.Listen = "nowhere"; break;
            case "P2P:Peers:0": options.Peers = ["no-port"]; break;
            case "P2P:AllowedPeers:0": options.AllowedPeers = ["zz"]; break;
            case "P2P:MaxQueuePerPeer": options.MaxQueuePerPeer = 0; break;
            case "P2P:MaxQueueBytesPerPeer": options.MaxQueueBytesPerPeer = 1024; break;
            case "P2P:Transport": options.Transport = "ssl"; break;
            default: options.ReconnectMaxMs = 10; break;
        }
        var result = new P2POptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage);
    }
}
