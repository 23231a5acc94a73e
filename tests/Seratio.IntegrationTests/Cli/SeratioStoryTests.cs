using System.Diagnostics;
using Seratio.IntegrationTests.Infrastructure;

namespace Seratio.IntegrationTests.Cli;

/// <summary>
/// README's "The Seratio story in ten commands", run as written: each command of the block between
/// the <c>seratio-story</c> markers as a real <c>seratio</c> process, from a folder whose
/// <c>./.devnet</c> is a fresh one-validator <c>seratio devnet</c> (so <c>--from dev-N</c> finds its
/// keys as in the repository root), with only <c>--node</c> added. Each step must end with its
/// expected exit code and print every excerpt the README shows; the story's outcomes (ids, the
/// refused send, the frozen lot) are asserted here as well, so trimming the README cannot hide a break.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class SeratioStoryTests : IAsyncLifetime
{
    private const string Marker = "seratio-story";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    private readonly string _root = Directory.CreateTempSubdirectory("seratio-story-").FullName;
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

    private static IReadOnlyList<StoryStep> ReadmeSteps() =>
        StoryScript.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")), Marker);

    private async Task<CliResult> RunAsync(StoryStep step)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = _root };
        info.ArgumentList.Add(CliRunner.Dll);
        foreach (var a in step.Args.Append("--node").Append(Url)) info.ArgumentList.Add(a);
        return await CliRunner.RunProcessAsync(info, Path.Combine(_root, "keystore"), StepTimeout);
    }

    private static CliResult Find(IReadOnlyList<(StoryStep Step, CliResult Result)> ran, string command, int occurrence = 0) =>
        ran.Where(r => string.Join(' ', r.Step.Args).StartsWith(command, StringComparison.Ordinal)).Select(r => r.Result).ElementAtOrDefault(occurrence)
        ?? throw new Xunit.Sdk.XunitException($"the README story no longer runs 'seratio {command}…' (occurrence {occurrence + 1})");

    [Fact]
    public async Task ReadmeStory_RunAsWrittenAgainstADevnet_EveryStepEndsAsShownAndRevocationFreezesTheLot()
    {
        var steps = ReadmeSteps();
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

        Assert.Contains("entity_registered id=1 ", StoryScript.Collapse(Find(ran, "entity register").StdOut));
        Assert.Contains("certificate_issued id=1 ", StoryScript.Collapse(Find(ran, "cert issue").StdOut));
        Assert.Contains("microshare_class_created class=1 ", StoryScript.Collapse(Find(ran, "microshare class-create").StdOut));
        Assert.Contains("microshares_minted class=1 lot=1 ", StoryScript.Collapse(Find(ran, "microshare mint").StdOut));
        Assert.Equal(0, Find(ran, "microshare send").ExitCode);
        Assert.Contains("provenance: 2", StoryScript.Collapse(Find(ran, "microshare lineage").StdOut));
        Assert.Contains("proof: valid against block", Find(ran, "cert verify").StdOut);
        Assert.Contains("certificate_revoked id=1 ", StoryScript.Collapse(Find(ran, "cert revoke").StdOut));
        var refused = Find(ran, "microshare send", occurrence: 1);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("certificate 1 revoked", refused.StdOut + refused.StdErr);
        // The refusal is on stderr too, as one error line, not only in the receipt on stdout (issue 9).
        Assert.Matches(@"(?m)^error: transaction \S+ failed: FROZEN: ", refused.StdErr);
        Assert.Contains("FROZEN: certificate 1 revoked", Find(ran, "microshare lot 1").StdOut);
        Assert.True(ran.FindIndex(r => r.Result == Find(ran, "cert revoke")) < ran.FindIndex(r => r.Result == refused), "the refused send must come after the revocation");
    }

    [Fact]
    public void ReadmeStory_Block_HoldsTheWholeStoryInPlainSeratioCommands()
    {
        var commands = ReadmeSteps().Select(s => string.Join(' ', s.Args.Take(2))).ToList();
        string[] story = ["role grant", "cert method-register", "entity register", "cert issue", "microshare class-create", "microshare mint", "microshare send",
            "microshare holdings", "provenance append", "provenance lineage", "microshare lineage", "cert verify", "cert revoke", "microshare send", "microshare lot"];
        int at = 0;
        foreach (var command in commands)
            if (at < story.Length && command == story[at]) at++;
        Assert.True(at == story.Length, $"the README story lost or reordered '{(at < story.Length ? story[at] : "")}'; it runs: {string.Join(", ", commands)}");
    }

    [Fact]
    public void StoryScript_Parse_JoinsContinuedLinesKeepsQuotedWordsAndReadsExpectations()
    {
        const string md = "x\n<!-- s:begin -->\n```sh\n# prose\nseratio a \"b c\" \\\n    --d e\n#> out  put\n#> exit 1\nseratio f\n```\n<!-- s:end -->\n";
        var steps = StoryScript.Parse(md, "s");
        Assert.Equal(2, steps.Count);
        Assert.Equal(["a", "b c", "--d", "e"], steps[0].Args);
        Assert.Equal((1, "out  put", 5), (steps[0].ExpectedExitCode, Assert.Single(steps[0].Excerpts), steps[0].Line));
        Assert.Equal((0, 0), (steps[1].ExpectedExitCode, steps[1].Excerpts.Count));
        Assert.Throws<FormatException>(() => StoryScript.Parse("<!-- s:begin -->\nseratio a | grep b\n<!-- s:end -->", "s"));
        Assert.Throws<FormatException>(() => StoryScript.Parse("<!-- s:begin -->\ncurl x\n<!-- s:end -->", "s"));
    }
}
