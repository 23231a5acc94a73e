using System.Diagnostics;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// README's "Trading the story's microshares", run as written: steps 1–6 of the story block (up to dev-3's holdings),
/// then every command of the block between the <c>seratio-dex</c> markers, each as a real <c>seratio</c> process against
/// a fresh one-validator devnet with only <c>--node</c> added. Each step must end with its expected exit code and print
/// every excerpt the README shows; the trade's outcome (one price, the same lot at the buyer, the certificate and the
/// minting transaction in its lineage) is asserted here as well, so trimming the README cannot hide a break.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class ExchangeWalkthroughTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Directory.CreateTempSubdirectory("seratio-dex-walk-").FullName;
    private readonly int _apiPort = TestPorts.Block(DevnetFixture.DevnetPortOffsets);
    private DevnetProcess? _devnet;

    private string Url => $"http://127.0.0.1:{_apiPort}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "keystore"));
        _devnet = await DevnetProcess.StartAsync(Path.Combine(_root, ".devnet"), _apiPort, Path.Combine(_root, "keystore"), StartTimeout,
            ["--validators", "1", "--metrics", $"127.0.0.1:{TestPorts.Free()}"]);
    }

    public async Task DisposeAsync()
    {
        if (_devnet is not null) await _devnet.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    /// <summary>The story's steps 1–6: every command before its first provenance record.</summary>
    private static IReadOnlyList<StoryStep> StoryPrefix() =>
        [.. StoryScript.Parse(Readme, "seratio-story").TakeWhile(s => !(s.Args.Count > 0 && s.Args[0] == "provenance"))];

    private async Task<CliResult> RunAsync(StoryStep step)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _root };
        info.ArgumentList.Add(CliRunner.Dll);
        foreach (var a in step.Args.Append("--node").Append(Url)) info.ArgumentList.Add(a);
        return await CliRunner.RunProcessAsync(info, Path.Combine(_root, "keystore"), StepTimeout);
    }

    [Fact]
    public async Task ReadmeExchangeWalkthrough_RunAsWrittenAfterTheStory_TradesTheSameLotAtOnePrice()
    {
        var prefix = StoryPrefix();
        Assert.Equal("holdings", prefix[^1].Args[1]);
        var steps = StoryScript.Parse(Readme, "seratio-dex");
        var ran = new List<(StoryStep Step, CliResult Result)>();
        foreach (var step in prefix.Concat(steps))
        {
            var result = await RunAsync(step);
            ran.Add((step, result));
            Assert.True(result.ExitCode == step.ExpectedExitCode, $"{step}: expected exit {step.ExpectedExitCode}\n{result}");
            string output = StoryScript.Collapse(result.StdOut + "\n" + result.StdErr);
            foreach (var excerpt in step.Excerpts)
                Assert.True(output.Contains(StoryScript.Collapse(excerpt), StringComparison.Ordinal), $"{step}: output lacks the README excerpt '{excerpt}'\n{result}");
        }

        CliResult Last(string command) => ran.Last(r => string.Join(' ', r.Step.Args).StartsWith(command, StringComparison.Ordinal)).Result;
        string[] commands = ["dex market-create", "dex place", "dex book", "dex trades", "dex orders", "microshare holdings", "microshare lineage"];
        Assert.All(commands, c => Assert.Contains(steps, s => string.Join(' ', s.Args).StartsWith(c, StringComparison.Ordinal)));
        // The trade: one price (the ask's 2, below the bid's limit 3), the buyer's fee rounded up, the same lot moving.
        var trades = StoryScript.Collapse(Last("dex trades").StdOut);
        Assert.Contains(" 2 300 2 1 ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3 ser19je9rnvkxf5crm0nfm5d69y05336fd8nxxz9tw 1:300", trades);
        Assert.Contains("lot 1 300 units 1000 SER certificate 1", StoryScript.Collapse(Last("microshare holdings").StdOut));
        var lineage = StoryScript.Collapse(Last("microshare lineage").StdOut);
        Assert.Matches(@"minted: tx [0-9a-f]{64} at height \d+ by ser1k62ld8hnpynsl7mwwwzzsnkrrecekwryjmcqrt", lineage);
        Assert.Contains("certificate: 1 (active)", lineage);
    }
}
