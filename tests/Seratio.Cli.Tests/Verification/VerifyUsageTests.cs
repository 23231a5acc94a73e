using Seratio.Cli.Tests.Support;

namespace Seratio.Cli.Tests.Verification;

/// <summary>The verify commands' option combinations: an incomplete or contradictory one is a usage error (exit 2) naming what is wrong, before anything is asked of a node.</summary>
public sealed class VerifyUsageTests
{
    private const string Contract = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    [Theory]
    [InlineData("cert verify 1 --on eth", "--on needs --rpc")]
    [InlineData("cert verify 1 --on eth --rpc http://127.0.0.1:1", "--on needs --rpc")]
    [InlineData("cert verify 1 --rpc http://127.0.0.1:1 --contract " + Contract, "--rpc and --contract go with --on")]
    [InlineData("cert verify 1 --on eth --rpc http://127.0.0.1:1 --contract " + Contract + " --trust genesis.json", "give one")]
    [InlineData("cert verify 1 --on eth --rpc not-a-url --contract " + Contract, "--rpc 'not-a-url' is not an http(s) URL")]
    [InlineData("cert verify 1 --on eth --rpc http://127.0.0.1:1 --contract 0x1234", "--contract '0x1234' is not an EVM address")]
    [InlineData("cert verify 1 --on btc --rpc http://127.0.0.1:1 --contract " + Contract, "btc")]
    [InlineData("cert verify 1 --trust /nonexistent/genesis.json", "--trust file /nonexistent/genesis.json does not exist")]
    [InlineData("proof verify", "give a proof FILE or --address ADDR")]
    [InlineData("proof verify a.json --address ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh", "give a proof FILE or --address ADDR")]
    [InlineData("proof verify --address nonsense --on eth --rpc http://127.0.0.1:1 --contract " + Contract, "--address")]
    [InlineData("microshare verify 0", "lot ids start at 1")]
    [InlineData("provenance verify 1 --on etc", "--on needs --rpc")]
    public async Task ABadCombination_ExitsTwoAndSaysWhy(string commandLine, string message)
    {
        var run = await new CliRunner().RunAsync([.. commandLine.Split(' '), "--node", "http://127.0.0.1:1"]);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Err);
    }
}
