using Seratio.Cli.Tests.Support;

namespace Seratio.Cli.Tests.Cli;

public sealed class UsageErrorTests
{
    private readonly CliRunner _cli = new();

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("keys")]
    [InlineData("tx send --to ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh --amount 1SER")]
    [InlineData("tx send --from dev-0 --to nonsense --amount 1SER")]
    [InlineData("tx send --from dev-0 --to ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh --amount 1SER --gas-limit lots")]
    [InlineData("query account not-an-address")]
    [InlineData("query tx 1234")]
    [InlineData("query block -1")]
    [InlineData("status --output yaml")]
    [InlineData("status --node ftp://example")]
    [InlineData("status --node not a url")]
    [InlineData("devnet --api nowhere")]
    [InlineData("node start")]
    [InlineData("provenance list --entity 1 --lot 2")]
    [InlineData("provenance list")]
    [InlineData("query checkpoint newest")]
    [InlineData("query checkpoint 0")]
    [InlineData("query checkpoints --page-size 101")]
    public async Task BadCommandLine_ExitsTwoWithAMessageAndNoStackTrace(string commandLine)
    {
        var run = await _cli.RunAsync(commandLine);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error", run.Err);
        Assert.DoesNotContain("   at ", run.Err);
    }

    [Theory]
    [InlineData("kyes add", "Unrecognized command or argument 'kyes'")]
    [InlineData("keys ad", "Unrecognized command or argument 'ad'")]
    [InlineData("keys", "Required command was not provided")]
    public async Task MistypedCommand_PrintsOneErrorLine(string commandLine, string message)
    {
        var run = await _cli.RunAsync(commandLine);

        Assert.Equal(2, run.ExitCode);
        var error = Assert.Single(run.Err.Split('\n'), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task NodeStart_WithHomeWithoutGenesis_ExitsTwoNamingTheMissingFile()
    {
        using var dir = new TempDir();

        var run = await _cli.RunAsync("node", "start", "--home", dir.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("config/genesis.json is missing", run.Err);
    }

    [Fact]
    public async Task Help_ExitsZeroAndListsTheCommands()
    {
        var run = await _cli.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in new[] { "keys", "tx", "query", "status", "proof", "node", "devnet" })
            Assert.Contains(command, run.Out);
    }
}
