using System.Text.Json.Nodes;
using Google.Protobuf;
using Seratio.Cli.Devnet;
using Seratio.Cli.Tests.Support;
using Seratio.Protocol;

namespace Seratio.Cli.Tests.Query;

public sealed class ConsensusCommandTests : IAsyncLifetime
{
    private const string V0 = "ser1m0tz8wxtgglxmh568jg95ayacpsr4x3dp9ardh";
    private const string V1 = "ser10yyphy4fz2nzm65usf9zw8y6mlvddwj3f4zlz3";
    private static readonly ByteString BlockHash = ByteString.CopyFrom(Enumerable.Repeat((byte)0xab, 32).ToArray());
    private FakeNode _node = null!;

    public async Task InitializeAsync() => _node = await FakeNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private static ConsensusState TwoValidators() => new()
    {
        Height = 42, Round = 1, Step = ConsensusStep.Prevote, Proposer = V1, LockedRound = -1, ValidRound = 0, ValidBlockHash = BlockHash,
        Role = NodeRole.Validator, LatestHeight = 41, HeightStartUnixMs = 1_800_000_000_000,
        Validators =
        {
            new ValidatorRoundState { Address = V0, Power = 10, Prevote = new RoundVote { Kind = RoundVoteKind.Block, BlockHash = BlockHash }, Precommit = new RoundVote() },
            new ValidatorRoundState { Address = V1, Power = 20, Proposer = true, Prevote = new RoundVote { Kind = RoundVoteKind.Nil } },
        },
        Peers = { new PeerState { NodeId = new string('c', 64), Remote = "ipv4:127.0.0.1:4000", Direction = PeerDirectionKind.Outbound, Validator = true, Height = 41 } },
    };

    [Fact]
    public async Task Status_ShowsConsensusStepRoleAndPeers()
    {
        _node.State.Consensus = TwoValidators();

        var run = await new CliRunner().RunAsync("status", "--node", _node.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^consensus:\s+height 42 round 1 step prevote$", run.Out);
        Assert.Matches(@"(?m)^role:\s+validator$", run.Out);
        Assert.Matches(@"(?m)^peers:\s+1 \(cccccccccccc outbound at 41\)$", run.Out);
    }

    [Fact]
    public async Task Status_OfANodeWithoutConsensusState_StillAnswersFromGetStatus()
    {
        _node.State.Status.ConsensusHeight = 42;
        _node.State.Status.Peers = 2;

        var run = await new CliRunner().RunAsync("status", "--node", _node.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^consensus:\s+height 42 round 0$", run.Out);
        Assert.Matches(@"(?m)^peers:\s+2$", run.Out);
    }

    [Fact]
    public async Task Consensus_PrintsTheVotesOfEachValidatorAndThePeers()
    {
        _node.State.Consensus = TwoValidators();

        var run = await new CliRunner().RunAsync("consensus", "--node", _node.Url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^valid:\s+round 0 (ab){32}$", run.Out);
        Assert.Matches(@"(?m)^locked:\s+\(none\)$", run.Out);
        var v0 = Assert.Single(run.Out.Split('\n'), l => l.Contains(V0, StringComparison.Ordinal));
        Assert.Matches(@"10\s+ababababab\w*\s+-", v0);
        var v1 = Assert.Single(run.Out.Split('\n'), l => l.Contains(V1, StringComparison.Ordinal) && !l.StartsWith("proposer", StringComparison.Ordinal));
        Assert.Matches(@"20\s+\*\s+nil\s+-", v1);
        Assert.Contains("ipv4:127.0.0.1:4000", run.Out);
    }

    [Fact]
    public async Task Consensus_AsJson_NamesVoteKinds()
    {
        _node.State.Consensus = TwoValidators();

        var run = await new CliRunner().RunAsync("consensus", "--node", _node.Url, "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!;

        Assert.Equal("prevote", json["step"]!.GetValue<string>());
        Assert.Equal("block", json["validators"]![0]!["prevote"]!["kind"]!.GetValue<string>());
        Assert.Equal("absent", json["validators"]![0]!["precommit"]!["kind"]!.GetValue<string>());
        Assert.Equal("nil", json["validators"]![1]!["prevote"]!["kind"]!.GetValue<string>());
        Assert.Equal("outbound", json["peers"]![0]!["direction"]!.GetValue<string>());
    }

    [Fact]
    public async Task Consensus_OfANodeWithoutConsensusState_ExitsOne()
    {
        var run = await new CliRunner().RunAsync("consensus", "--node", _node.Url);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not serve GetConsensusState", run.Err);
    }

    [Fact]
    public void DevnetStatusLine_ShowsStepAndSyncing()
    {
        var status = new NodeStatus { LatestHeight = 12, ConsensusRound = 0, Peers = 3 };
        var consensus = new ConsensusState { Round = 2, Step = ConsensusStep.Precommit, Syncing = true };

        Assert.Equal("[validator-1] height 12 round 2 step precommit peers 3 mempool 0 syncing", DevnetStatus.Line("validator-1", status, false, consensus));
        Assert.Equal("[validator-1] height 12 round 0 peers 3 mempool 0", DevnetStatus.Line("validator-1", status, false));
        Assert.Equal("[validator-1] exited", DevnetStatus.Line("validator-1", null, true, consensus));
        Assert.Equal("[validator-1] height 12 round 2 step decided peers 3 mempool 0",
            DevnetStatus.Line("validator-1", status, false, new ConsensusState { Round = 2, Step = ConsensusStep.Precommit, Decided = true }));
    }
}
