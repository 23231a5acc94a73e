using System.Globalization;
using Grpc.Core;
using Seratio.Cli.Cli;
using Seratio.Cli.Rpc;
using Seratio.Protocol;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Seratio.Cli.Query;

/// <summary>Reading and showing a node's GetConsensusState: words for its enums, JSON shapes and Spectre tables. Pure apart from the call.</summary>
internal static class ConsensusText
{
    /// <summary>The node's consensus state, or null when it does not serve one (an older node: Unimplemented).</summary>
    public static async Task<ConsensusState?> TryReadAsync(NodeConnection node, CancellationToken ct)
    {
        try
        {
            return await node.Client.GetConsensusStateAsync(new GetConsensusStateRequest(),
                new CallOptions(deadline: DateTime.UtcNow + NodeConnection.QuickCall, cancellationToken: ct)).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
        {
            return null;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw CommandException.Failed(RpcErrors.Describe(ex.Status, node.Url));
        }
    }

    public static string Step(ConsensusStep step) => step switch
    {
        ConsensusStep.Propose => "propose",
        ConsensusStep.Prevote => "prevote",
        ConsensusStep.Precommit => "precommit",
        _ => "none",
    };

    public static string Role(ConsensusState s) =>
        (s.Role == NodeRole.Validator ? "validator" : "observer") + (s.SingleValidator ? " (single-validator chain)" : "") + (s.Syncing ? ", syncing" : "");

    public static string Vote(RoundVote? vote) => vote?.Kind switch
    {
        RoundVoteKind.Nil => "nil",
        RoundVoteKind.Block => Short(Display.Hex(vote.BlockHash)),
        _ => "-",
    };

    public static string Direction(PeerDirectionKind d) => d switch
    {
        PeerDirectionKind.Inbound => "inbound",
        PeerDirectionKind.Outbound => "outbound",
        _ => "unknown",
    };

    /// <summary>"height 12 round 0 step prevote", with " (decided)" during the wait after a commit.</summary>
    public static string Progress(ConsensusState s) =>
        string.Create(CultureInfo.InvariantCulture, $"height {s.Height} round {s.Round} step {Step(s.Step)}{(s.Decided ? " (decided)" : "")}");

    /// <summary>"3 (5c1e2a9b04d1 outbound at 11, ...)" or "0".</summary>
    public static string Peers(ConsensusState s) => s.Peers.Count == 0
        ? "0"
        : string.Create(CultureInfo.InvariantCulture,
            $"{s.Peers.Count} ({string.Join(", ", s.Peers.Select(p => $"{Short(p.NodeId)} {Direction(p.Direction)} at {p.Height}"))})");

    /// <summary>The JSON shape of the whole state (seratio consensus -o json, and status's "consensus").</summary>
    public static object Json(ConsensusState s) => new
    {
        height = s.Height,
        round = s.Round,
        step = Step(s.Step),
        role = s.Role == NodeRole.Validator ? "validator" : "observer",
        single_validator = s.SingleValidator,
        syncing = s.Syncing,
        decided = s.Decided,
        latest_height = s.LatestHeight,
        proposer = s.Proposer,
        locked_round = s.LockedRound,
        locked_block_hash = Display.Hex(s.LockedBlockHash),
        valid_round = s.ValidRound,
        valid_block_hash = Display.Hex(s.ValidBlockHash),
        height_start_unix_ms = s.HeightStartUnixMs,
        validators = s.Validators.Select(v => new
        {
            address = v.Address,
            power = v.Power,
            proposer = v.Proposer,
            prevote = JsonVote(v.Prevote),
            precommit = JsonVote(v.Precommit),
        }).ToArray(),
        peers = s.Peers.Select(p => new { node_id = p.NodeId, remote = p.Remote, direction = Direction(p.Direction), validator = p.Validator, height = p.Height }).ToArray(),
    };

    /// <summary>The validators' votes of the current round and the peers, as text tables.</summary>
    public static IEnumerable<string> Tables(ConsensusState s)
    {
        var validators = new Table().Border(TableBorder.Simple).AddColumns("validator", "power", "proposer", "prevote", "precommit");
        foreach (var v in s.Validators)
            validators.AddRow(Escape(v.Address), v.Power.ToString(CultureInfo.InvariantCulture), v.Proposer ? "*" : "", Vote(v.Prevote), Vote(v.Precommit));
        var lines = Render(validators).ToList();
        if (s.Peers.Count == 0) { lines.Add("no peers connected"); return lines; }
        var peers = new Table().Border(TableBorder.Simple).AddColumns("peer", "remote", "direction", "validator", "height");
        foreach (var p in s.Peers)
            peers.AddRow(Escape(p.NodeId[..Math.Min(16, p.NodeId.Length)]), Escape(p.Remote), Direction(p.Direction), p.Validator ? "yes" : "no",
                p.Height.ToString(CultureInfo.InvariantCulture));
        lines.AddRange(Render(peers));
        return lines;
    }

    private static object JsonVote(RoundVote? vote) => vote?.Kind switch
    {
        RoundVoteKind.Nil => new { kind = "nil", block_hash = "" },
        RoundVoteKind.Block => new { kind = "block", block_hash = Display.Hex(vote.BlockHash) },
        _ => new { kind = "absent", block_hash = "" },
    };

    private static string Short(string hex) => hex.Length > 12 ? hex[..12] : hex;

    private static string Escape(string text) => Markup.Escape(text);

    /// <summary>Renders without colours or terminal codes at a fixed width, so the output is the same wherever it goes.</summary>
    private static IEnumerable<string> Render(IRenderable renderable)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 120;
        console.Write(renderable);
        return writer.ToString().Split('\n').Select(l => l.TrimEnd('\r', ' ')).Where(l => l.Length > 0);
    }
}
