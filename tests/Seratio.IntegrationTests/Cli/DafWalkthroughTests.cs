using System.Diagnostics;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// README's "Governed by the DAF", run as written: every command of the block between the <c>seratio-daf</c> markers, each
/// as a real <c>seratio</c> process against a fresh one-validator <c>devnet --daf</c> with only <c>--node</c> added. Each
/// step must end with its expected exit code and print every excerpt the README shows; the outcome (dev-0's own grant
/// refused, both proposals executed after their timelock, the certificate the new issuer issued, the grant paid from
/// the treasury) is asserted here as well, so trimming the README cannot hide a break.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class DafWalkthroughTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(200);

    private readonly string _root = Directory.CreateTempSubdirectory("seratio-daf-walk-").FullName;
    private readonly int _apiPort = TestPorts.Block(DevnetFixture.DevnetPortOffsets);
    private DevnetProcess? _devnet;

    private string Url => $"http://127.0.0.1:{_apiPort}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "keystore"));
        _devnet = await DevnetProcess.StartAsync(Path.Combine(_root, ".devnet"), _apiPort, Path.Combine(_root, "keystore"), StartTimeout,
            ["--daf", "--validators", "1", "--metrics", $"127.0.0.1:{TestPorts.Free()}"]);
    }

    public async Task DisposeAsync()
    {
        if (_devnet is not null) await _devnet.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    private async Task<CliResult> RunAsync(StoryStep step)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _root };
        info.ArgumentList.Add(CliRunner.Dll);
        foreach (var a in step.Args.Append("--node").Append(Url)) info.ArgumentList.Add(a);
        return await CliRunner.RunProcessAsync(info, Path.Combine(_root, "keystore"), StepTimeout);
    }

    [Fact]
    public void ReadmeStartsTheDevnetThisTestStarts()
    {
        Assert.Contains("seratio devnet --daf --validators 1 --reset", Readme);
    }

    [Fact]
    public async Task ReadmeDafWalkthrough_RunAsWritten_GovernsByProposal_AndPaysAGrantByConviction()
    {
        var steps = StoryScript.Parse(Readme, "seratio-daf");
        var ran = new List<(StoryStep Step, CliResult Result)>();
        foreach (var step in steps)
        {
            var result = await RunAsync(step);
            ran.Add((step, result));
            Assert.True(result.ExitCode == step.ExpectedExitCode, $"{step}: expected exit {step.ExpectedExitCode}\n{result}");
            string output = StoryScript.Collapse(result.StdOut + "\n" + result.StdErr);
            foreach (var excerpt in step.Excerpts)
                Assert.True(output.Contains(StoryScript.Collapse(excerpt), StringComparison.Ordinal), $"{step}: output lacks the README excerpt '{excerpt}'\n{result}");
        }

        string[] commands = ["role grant", "daf members", "daf propose grant-role", "daf vote", "daf deposit", "daf votes", "daf list", "daf propose register-method", "daf show", "cert issue", "grant request", "grant stake", "grant show", "daf treasury"];
        Assert.All(commands, c => Assert.Contains(steps, s => string.Join(' ', s.Args).StartsWith(c, StringComparison.Ordinal)));
        Assert.Equal(1, ran.First(r => r.Step.Args[0] == "role").Result.ExitCode);
        CliResult Last(string command) => ran.Last(r => string.Join(' ', r.Step.Args).StartsWith(command, StringComparison.Ordinal)).Result;
        var issued = StoryScript.Collapse(Last("cert issue").StdOut);
        Assert.Contains("certificate_issued id=1", issued);
        Assert.Contains("issuer=ser19je9rnvkxf5crm0nfm5d69y05336fd8nxxz9tw", issued);
        Assert.Contains("balance: 9900 SER (9900000000)", StoryScript.Collapse(Last("daf treasury").StdOut));
    }
}
