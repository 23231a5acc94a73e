using Seratio.Node.Hosting;

namespace Seratio.Node.Tests.Hosting;

public class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "--home", "/tmp/n1" }, "/tmp/n1", "")]
    [InlineData(new[] { "--home=/tmp/n1", "--Api:Listen=127.0.0.1:9191" }, "/tmp/n1", "--Api:Listen=127.0.0.1:9191")]
    [InlineData(new[] { "--Mempool:MaxTxs=5", "--home", "h" }, "h", "--Mempool:MaxTxs=5")]
    public void TryParse_WithHome_SplitsHomeAndOverrides(string[] args, string home, string overrides)
    {
        Assert.True(CommandLine.TryParse(args, out var parsedHome, out var parsedOverrides));
        Assert.Equal(home, parsedHome);
        Assert.Equal(overrides, string.Join(" ", parsedOverrides));
    }

    [Theory]
    [InlineData("")]
    [InlineData("--home")]
    [InlineData("--home --Api:Listen=x")]
    [InlineData("--help --home h")]
    public void TryParse_WithoutHome_Fails(string args) =>
        Assert.False(CommandLine.TryParse(args.Split(' ', StringSplitOptions.RemoveEmptyEntries), out _, out _));

    [Fact]
    public void Main_WithoutHome_PrintsUsageToStderrAndExitsWith2()
    {
        var entry = typeof(NodeHost).Assembly.EntryPoint!;
        var stderr = new StringWriter();
        var previous = Console.Error;
        Console.SetError(stderr);
        try
        {
            var code = entry.Invoke(null, [Array.Empty<string>()]);
            Assert.Equal(2, code);
        }
        finally
        {
            Console.SetError(previous);
        }
        Assert.StartsWith("usage: seratio-node --home DIR", stderr.ToString());
    }
}
