using Seratio.Cli.Tests.Support;

namespace Seratio.Cli.Tests.Cli;

public sealed class UnreachableNodeTests : IDisposable
{
    // Port 1 (tcpmux) is closed on any machine that runs these tests: connections are refused at once.
    private const string Nowhere = "http://127.0.0.1:1";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("status")]
    [InlineData("query account ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh")]
    [InlineData("query block")]
    [InlineData("query block 7")]
    [InlineData("query tx 0000000000000000000000000000000000000000000000000000000000000000")]
    public async Task Command_AgainstUnreachableNode_ExitsOneSayingCannotReach(string commandLine)
    {
        var run = await new CliRunner().RunAsync($"{commandLine} --node {Nowhere}");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"cannot reach node at {Nowhere}", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Fact]
    public async Task NodeUrl_DefaultsToSeratioNodeVariable()
    {
        var run = await new CliRunner().WithEnv("SERATIO_NODE", Nowhere).RunAsync("status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"cannot reach node at {Nowhere}", run.Err);
    }

    [Fact]
    public async Task TxSend_WithDevnetKey_AgainstUnreachableNode_ExitsOne()
    {
        var home = _dir.File("devnet");
        Directory.CreateDirectory(Path.Combine(home, "keys"));
        using var key = Core.Crypto.SigningKey.ForTesting("devnet/dev-0");
        Core.Keys.UnsafeKeyFile.Write(Path.Combine(home, "keys", "dev-0.devnet-unsafe.key"), key);

        var run = await new CliRunner().RunAsync("tx", "send", "--from", "dev-0", "--to", "ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3",
            "--amount", "10SER", "--home", home, "--keystore", _dir.File("empty"), "--node", Nowhere);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"cannot reach node at {Nowhere}", run.Err);
    }
}
